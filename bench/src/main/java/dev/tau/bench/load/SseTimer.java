package dev.tau.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OpenResponses event stream to its end and notes when the events that matter to a user
 * arrived: {@code response.created} (the gateway accepted the turn) and the first {@code
 * response.output_text.delta} (the first visible text). Event types come from the {@code event:}
 * line, or from the {@code type} field that opens the {@code data:} JSON when a stream has no
 * {@code event:} lines.
 */
final class SseTimer {
  private static final String CREATED = "response.created";
  private static final String DELTA = "response.output_text.delta";
  private static final String COMPLETED = "response.completed";
  private static final String DATA_TYPE = "data: {\"type\":\"";

  private SseTimer() {}

  /**
   * When things arrived, in nanoseconds after the request was sent; 0 when they never did.
   *
   * @param created {@code response.created}
   * @param firstDelta the first text delta
   * @param end the end of the stream
   * @param deltas how many text deltas arrived
   * @param completed whether {@code response.completed} arrived
   */
  record Timing(long created, long firstDelta, long end, int deltas, boolean completed) {}

  /**
   * Reads {@code body} to its end.
   *
   * @param sentAt {@link System#nanoTime()} when the request was sent
   * @param onFirstDelta run once, when the first text delta arrives
   */
  static Timing read(InputStream body, long sentAt, Runnable onFirstDelta) throws IOException {
    long created = 0;
    long firstDelta = 0;
    int deltas = 0;
    boolean completed = false;
    String pendingEvent = null;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192)) {
      String line;
      while ((line = reader.readLine()) != null) {
        String type = null;
        if (line.startsWith("event:")) {
          pendingEvent = line.substring("event:".length()).strip();
          type = pendingEvent;
        } else if (line.startsWith("data:")) {
          if (pendingEvent == null && line.startsWith(DATA_TYPE)) {
            int close = line.indexOf('"', DATA_TYPE.length());
            if (close > 0) {
              type = line.substring(DATA_TYPE.length(), close);
            }
          }
          pendingEvent = null;
        } else if (line.isEmpty()) {
          pendingEvent = null;
        }
        if (type == null) {
          continue;
        }
        long now = System.nanoTime() - sentAt;
        switch (type) {
          case CREATED -> {
            if (created == 0) {
              created = now;
            }
          }
          case DELTA -> {
            if (deltas++ == 0) {
              firstDelta = now;
              onFirstDelta.run();
            }
          }
          case COMPLETED -> completed = true;
          default -> {}
        }
      }
    }
    return new Timing(created, firstDelta, System.nanoTime() - sentAt, deltas, completed);
  }
}
