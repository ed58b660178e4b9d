package dev.tau.channels.media;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI transcription endpoint: {@code POST /v1/audio/transcriptions} answered with
 * OpenAI's JSON ({@code {"text": …}}) or a scripted error; records each request.
 */
final class FakeTranscriptionServer implements AutoCloseable {
  record Request(String path, String authorization, String contentType, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  volatile String answer = "{\"text\":\"hello from the voice note\"}";
  private final HttpServer server;

  FakeTranscriptionServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(
                new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.ISO_8859_1)));
            boolean known =
                exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/v1/audio/transcriptions");
            byte[] out =
                (known ? answer : "{\"error\":{\"message\":\"Invalid URL\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? status : 404, out.length);
            exchange.getResponseBody().write(out);
          }
        });
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
