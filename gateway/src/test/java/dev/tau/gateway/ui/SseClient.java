package dev.tau.gateway.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a Server-Sent Events stream on a background thread and hands out its frames in order. */
final class SseClient implements AutoCloseable {
  /** One frame; {@code END} marks the end of the stream. */
  record Frame(String event, String data, List<String> comments) {
    static final Frame END = new Frame("<end>", "", List.of());
  }

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;

  SseClient(int port, String path, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/event-stream");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    reader = Thread.ofVirtual().start(this::read);
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      List<String> comments = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          frames.add(new Frame(event, data.toString(), List.copyOf(comments)));
          event = "message";
          data.setLength(0);
          comments.clear();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    } catch (IOException e) {
      // the stream was cut: that is its end
    } finally {
      frames.add(Frame.END);
    }
  }

  /** The next frame, failing the test when none comes within {@code wait}. */
  Frame next(Duration wait) throws InterruptedException {
    Frame frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new AssertionError("no SSE frame within " + wait);
    }
    return frame;
  }

  @Override
  public void close() throws IOException {
    response.body().close();
    reader.interrupt();
  }
}
