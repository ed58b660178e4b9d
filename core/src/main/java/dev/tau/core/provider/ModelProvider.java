package dev.tau.core.provider;

/**
 * The provider SPI: one vendor API behind a blocking, vendor-neutral call. Implementations are
 * thread-safe; call them from virtual threads. Failures are {@link ProviderException}s.
 */
public interface ModelProvider {

  /** The provider id, for example {@code openai} or {@code anthropic}. */
  String id();

  /** A non-streaming call. */
  ModelResponse complete(ModelRequest request, Cancellation cancellation);

  /**
   * A streaming call: events go to {@code sink} as they arrive, and the assembled response is
   * returned (it equals the {@link StreamEvent.Completed} event's response).
   */
  ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation);
}
