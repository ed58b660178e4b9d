package dev.tau.channels.connectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The standalone connectors' webhook server ({@code --multi-channel-live-connectors-runner}) on the
 * JDK HTTP server, one virtual thread per request. It only carries requests: the webhook routes are
 * answered by {@link WebhookHandler} (the gateway's webhook routes use the same handler), plus
 * {@code GET /healthz}.
 */
public final class WebhookServer implements AutoCloseable {
  private static final String HEALTHZ = "/healthz";

  /** Requests handled at once; more are answered 503 at once (the platform delivers again). */
  static final int MAX_CONCURRENT_REQUESTS = 128;

  /** Seconds a client may take to send a request, and the server to send the response. */
  static final String REQUEST_SECONDS = "30";

  private final Semaphore slots = new Semaphore(MAX_CONCURRENT_REQUESTS);

  private final WebhookHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;

  private WebhookServer(WebhookHandler handler, HttpServer server, ExecutorService executor) {
    this.handler = handler;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@link ConnectorsConfig#webhookBind()} and starts serving.
   *
   * @throws IOException when the address cannot be bound
   */
  static WebhookServer start(ConnectorRuntime runtime) throws IOException {
    limitRequestTimes();
    HttpServer http = HttpServer.create(runtime.config().webhookBind(), 64);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    WebhookServer server = new WebhookServer(new WebhookHandler(runtime), http, executor);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** The bound address (the real port when the bind asked for port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, lets running requests finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }

  /**
   * The JDK server's own limits (read once, when its first server is created; an operator's {@code
   * -D} wins): without them a client that sends its request slowly holds a connection for ever.
   */
  private static void limitRequestTimes() {
    for (String name : List.of("sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime")) {
      if (System.getProperty(name) == null) {
        System.setProperty(name, REQUEST_SECONDS);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!slots.tryAcquire()) {
      try (exchange) {
        byte[] body =
            "{\"error\":{\"code\":\"busy\",\"message\":\"too many requests at once; retry\"}}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
      }
      return;
    }
    try {
      serve(exchange);
    } finally {
      slots.release();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      WebhookHandler.Response response =
          path.equals(HEALTHZ) ? healthz(method) : handler.handle(path, new JdkRequest(exchange));
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.getResponseHeaders().set("content-type", response.contentType());
      exchange.sendResponseHeaders(response.status(), response.body().length);
      exchange.getResponseBody().write(response.body());
    }
  }

  private static WebhookHandler.Response healthz(String method) {
    boolean get = method.equals("GET");
    String body =
        get
            ? "{\"status\":\"ok\"}"
            : "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"use GET\"}}";
    return new WebhookHandler.Response(
        get ? 200 : 405,
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        get ? Map.of() : Map.of("allow", "GET"));
  }

  /** The JDK exchange as the handler reads it. */
  private record JdkRequest(HttpExchange exchange) implements WebhookHandler.Request {
    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public byte[] body(int max) throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        return in.readNBytes(max);
      }
    }
  }
}
