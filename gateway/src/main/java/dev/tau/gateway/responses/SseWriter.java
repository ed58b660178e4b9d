package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Writes server-sent events to one response, flushing every frame. Thread-safe (the run's thread
 * writes events, the watch writes keep-alives). Never throws: the first failed write (the client
 * went away) marks the stream broken, runs the {@link #onBroken} actions (cancelling the run) and
 * turns later writes into no-ops.
 */
public final class SseWriter implements AutoCloseable {
  private final OutputStream out;
  private final List<Runnable> onBroken = new CopyOnWriteArrayList<>();
  private boolean broken;
  private boolean closed;

  private SseWriter(OutputStream out) {
    this.out = out;
  }

  /** Sends 200 with the event-stream headers and opens the body. */
  public static SseWriter open(ServerResponse response) {
    response.status(Status.OK_200);
    response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    // Reverse proxies (nginx) would otherwise buffer the stream.
    response.header(HeaderNames.create("X-Accel-Buffering"), "no");
    return new SseWriter(response.outputStream());
  }

  /** {@code event: name} + {@code data: <compact JSON>}. */
  public boolean event(String name, JsonNode data) {
    return write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  /** A nameless {@code data:} frame (chat completion chunks, {@code [DONE]}). */
  public boolean data(String data) {
    return write("data: " + data + "\n\n");
  }

  /** A comment frame; clients ignore it, proxies see traffic. */
  public boolean comment(String text) {
    return write(": " + text + "\n\n");
  }

  /** Runs {@code action} once when a write fails. */
  public void onBroken(Runnable action) {
    onBroken.add(action);
  }

  synchronized boolean broken() {
    return broken;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (Exception e) {
      // the client is gone; nothing left to tell it
    }
  }

  private boolean write(String frame) {
    boolean failed;
    synchronized (this) {
      if (broken || closed) {
        return false;
      }
      try {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
      } catch (Exception e) {
        broken = true;
        failed = true;
      }
    }
    if (failed) {
      onBroken.forEach(Runnable::run);
    }
    return false;
  }
}
