package dev.tau.llm.http;

import dev.tau.core.provider.ModelResponse;

/**
 * Turns one vendor's stream events into {@link dev.tau.core.provider.StreamEvent}s. Each adapter
 * has one; {@link ProviderHttp#postStream} feeds it and emits the final {@code Completed} event
 * itself.
 */
public interface StreamDecoder {

  /**
   * Handles one event.
   *
   * @return true when this was the vendor's terminal event (nothing more is read)
   * @throws dev.tau.core.provider.ProviderException for a vendor error event or bad data
   */
  boolean onEvent(SseEvent event);

  /** The assembled answer, called once after the terminal event. */
  ModelResponse finish();
}
