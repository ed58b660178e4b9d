package dev.tau.gateway.ui;

import dev.tau.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Writes one Server-Sent Events stream: {@code event:}/{@code data:} frames with compact JSON
 * (which has no raw newlines) and comment frames for keep-alive. Every frame is flushed at once, so
 * the browser sees it without waiting for more.
 */
public final class SseWriter {
  private final OutputStream out;

  /** Sends the headers of a 200 event stream. */
  public SseWriter(ServerResponse response) {
    response.status(Status.OK_200);
    response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    // tells buffering reverse proxies (nginx) to pass frames through at once
    response.header(HeaderNames.create("X-Accel-Buffering"), "no");
    this.out = response.outputStream();
  }

  public void event(String name, JsonNode data) throws IOException {
    write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  public void close() {
    try {
      out.close();
    } catch (IOException | UncheckedIOException | CloseConnectionException e) {
      // the client has gone; nothing left to tell it
    }
  }

  /**
   * Writes and flushes one frame.
   *
   * @throws IOException when the client has gone (Helidon reports that unchecked; it is made a
   *     checked exception here so callers cannot forget it)
   */
  private void write(String frame) throws IOException {
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (UncheckedIOException | CloseConnectionException e) {
      throw new IOException("the client closed the event stream", e);
    }
  }
}
