package dev.tau.testkit.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the fake chat platforms share: a JDK HTTP server on loopback, the record of every request,
 * and the scripted failures ({@link ScriptedFailure}) that answer matching requests first. Each
 * subclass speaks one platform's published wire format, errors included.
 */
public abstract class FakePlatformServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String basePath;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<ScriptedFailure> failures = new ArrayList<>();

  /** The clock behind dates the fake writes into messages. */
  protected final Clock clock;

  /** A platform's answer: status, JSON body (empty for none) and extra headers. */
  protected record Answer(int status, String body, Map<String, String> headers) {
    public Answer {
      headers = Map.copyOf(headers);
    }

    public static Answer json(int status, JsonNode body) {
      return new Answer(status, Json.write(body), Map.of());
    }

    public static Answer empty(int status) {
      return new Answer(status, "", Map.of());
    }
  }

  /**
   * @param basePath the API prefix the platform serves under, for example {@code /api/v10}
   */
  protected FakePlatformServer(String basePath, Clock clock) {
    this.basePath = basePath;
    this.clock = clock;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fake platform server", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * The API base URL a client is configured with, for example {@code
   * http://127.0.0.1:5123/api/v10}.
   */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
  }

  /** Scripts failures; each answers the next matching request once, in order. */
  public FakePlatformServer enqueueFailure(ScriptedFailure... scripted) {
    synchronized (failures) {
      failures.addAll(List.of(scripted));
    }
    return this;
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests whose method is {@code method} and whose path ends with {@code pathSuffix}. */
  public List<RecordedRequest> requests(String method, String pathSuffix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Answers a request; {@code path} is relative to the base path. */
  protected abstract Answer route(RecordedRequest request, String path);

  /** The platform's error answer for a scripted failure. */
  protected abstract Answer failure(ScriptedFailure failure);

  /** The JSON body, or the query and form fields as a JSON object (Telegram takes all three). */
  protected static ObjectNode params(RecordedRequest request) {
    ObjectNode params = Json.object();
    addForm(params, request.query());
    String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      addForm(params, request.body());
    } else if (!request.body().isBlank()) {
      JsonNode body = Json.parse(request.body());
      if (!body.isObject()) {
        throw new IllegalArgumentException("the request body is not a JSON object");
      }
      params.setAll((ObjectNode) body);
    }
    return params;
  }

  private static void addForm(ObjectNode params, String form) {
    if (form.isBlank()) {
      return;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RecordedRequest request = record(exchange);
      requests.add(request);
      ScriptedFailure scripted = takeFailure(request.path());
      if (scripted != null && scripted.status() == 0) {
        // dropping the connection without an answer is what a client sees as a transport error
        exchange.getResponseBody().close();
        return;
      }
      Answer answer;
      if (scripted != null) {
        answer = failure(scripted);
      } else if (!request.path().startsWith(basePath)) {
        answer = route(request, "/__outside_base_path__" + request.path());
      } else {
        answer = route(request, request.path().substring(basePath.length()));
      }
      send(exchange, answer);
    }
  }

  private ScriptedFailure takeFailure(String path) {
    synchronized (failures) {
      Iterator<ScriptedFailure> it = failures.iterator();
      while (it.hasNext()) {
        ScriptedFailure failure = it.next();
        if (failure.applies(path)) {
          it.remove();
          return failure;
        }
      }
      return null;
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static RecordedRequest record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = exchange.getRequestURI();
    return new RecordedRequest(
        exchange.getRequestMethod(),
        uri.getRawPath(),
        uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        headers,
        body);
  }
}
