package dev.tau.llm.http;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param event the event type ({@code message} when the stream named none)
 * @param data the data lines joined with {@code \n}
 * @param id the last event id seen on the stream, or empty
 */
public record SseEvent(String event, String data, String id) {
  public SseEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(id, "id");
  }

  public static SseEvent message(String data) {
    return new SseEvent("message", data, "");
  }
}
