package dev.tau.channels.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback attachment host: fixed files, a huge streamed file (counting what it managed to
 * write), a redirect and a slow answer. Records every path requested.
 */
final class AttachmentServer implements AutoCloseable {
  /** A tiny valid PNG header plus filler: enough for type sniffing. */
  static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
  };

  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicLong hugeBytesWritten = new AtomicLong();
  final long hugeTotal;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final HttpServer server;

  AttachmentServer(long hugeTotal) throws IOException {
    this.hugeTotal = hugeTotal;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
    files.put("/cat.png", PNG);
    files.put("/voice.ogg", "OggS-fake-audio".getBytes());
    files.put("/clip.mp4", "fake-mp4".getBytes());
  }

  /** {@code http://localhost:<port><path>}: attachments may only name loopback as localhost. */
  String url(String path) {
    return "http://localhost:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  void redirect(String from, String location) {
    redirects.put(from, location);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    try (exchange) {
      if (redirects.containsKey(path)) {
        exchange.getResponseHeaders().add("Location", redirects.get(path));
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      switch (path) {
        case "/huge.bin" -> streamHuge(exchange, false);
        case "/huge-declared.bin" -> streamHuge(exchange, true);
        case "/slow.png" -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, PNG, "image/png");
        }
        default -> {
          byte[] body = files.get(path);
          if (body == null) {
            send(exchange, 404, "not found".getBytes(), "text/plain");
          } else {
            send(
                exchange,
                200,
                body,
                path.endsWith(".png") ? "image/png" : "application/octet-stream");
          }
        }
      }
    }
  }

  private void streamHuge(HttpExchange exchange, boolean declareLength) {
    byte[] chunk = new byte[16 * 1024];
    try {
      exchange.getResponseHeaders().add("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, declareLength ? hugeTotal : 0);
      OutputStream out = exchange.getResponseBody();
      System.arraycopy(PNG, 0, chunk, 0, PNG.length);
      while (hugeBytesWritten.get() < hugeTotal) {
        out.write(chunk);
        out.flush();
        hugeBytesWritten.addAndGet(chunk.length);
      }
    } catch (IOException clientLeft) {
      // the fetcher cut the download off: what was written so far is counted
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String type)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
