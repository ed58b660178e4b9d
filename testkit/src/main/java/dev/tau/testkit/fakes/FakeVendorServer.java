package dev.tau.testkit.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fake model vendor on loopback that speaks the vendor's real wire format. Tests script it with
 * {@link FakeReply}s (answered in order) and read back what it received as {@link
 * RecordedRequest}s. When the script is empty it answers 500 with a message that says so.
 *
 * <p>Subclasses render replies in their vendor's format; this class owns the socket, the script,
 * the recording and the stream faults (cut off, malformed, invalid JSON, hang until the client
 * leaves).
 */
public abstract class FakeVendorServer implements AutoCloseable {
  private static final Duration MAX_HANG = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final String basePath;
  private final Deque<FakeReply> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch clientLeft = new CountDownLatch(1);

  /** One complete SSE frame and what it carries. */
  protected record Frame(String wire, Kind kind) {
    public Frame {
      Objects.requireNonNull(wire, "wire");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Where a frame sits in the stream. */
  protected enum Kind {
    /** Before any output (created, message_start, content_block_start of text). */
    PREAMBLE,
    /** Carries text or tool-call output. */
    OUTPUT,
    /** The vendor's end of the answer (completed, message_stop, [DONE], finishReason). */
    TERMINAL
  }

  /** What a subclass answers a request with. */
  protected sealed interface Route {}

  /** A JSON answer with a status. */
  protected record JsonAnswer(int status, String body) implements Route {}

  /** A scripted model answer, streamed or not. */
  protected record ModelAnswer(boolean streaming) implements Route {}

  /**
   * @param basePath the API prefix, for example {@code /v1}
   */
  protected FakeVendorServer(String basePath) {
    this.basePath = basePath;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fake vendor server", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL a client is configured with, for example {@code http://127.0.0.1:5123/v1}. */
  public URI baseUrl() {
    return URI.create(
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort()
            + basePath);
  }

  /** Adds replies to the end of the script. */
  public synchronized FakeVendorServer enqueue(FakeReply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The most recent request. */
  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("the fake server has received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /**
   * Waits until a client abandoned a hanging stream ({@link
   * FakeReply.Fault#HANG_AFTER_FIRST_OUTPUT}).
   */
  public boolean awaitClientGone(Duration timeout) throws InterruptedException {
    return clientLeft.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Decides what to do with a request (its path is relative to the host, with the base path). */
  protected abstract Route route(RecordedRequest request);

  /** The vendor's error body for {@code status}. */
  protected abstract String errorBody(int status, String message);

  /** The vendor's non-streaming JSON answer. */
  protected abstract String jsonAnswer(FakeReply reply, RecordedRequest request);

  /** The vendor's stream, frame by frame. */
  protected abstract List<Frame> frames(FakeReply reply, RecordedRequest request);

  /** Extra headers on every answer (request ids and the like). */
  protected Map<String, String> answerHeaders() {
    return Map.of();
  }

  protected String basePath() {
    return basePath;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RecordedRequest request = record(exchange);
      requests.add(request);
      Route route = route(request);
      switch (route) {
        case JsonAnswer answer ->
            send(exchange, answer.status(), "application/json", answer.body(), "");
        case ModelAnswer answer -> answer(exchange, request, answer.streaming());
      }
    }
  }

  private void answer(HttpExchange exchange, RecordedRequest request, boolean streaming)
      throws IOException {
    FakeReply reply;
    synchronized (this) {
      reply = script.poll();
    }
    if (reply == null) {
      send(
          exchange,
          500,
          "application/json",
          errorBody(500, "fake server: no scripted reply left"),
          "");
      return;
    }
    if (!reply.headerDelay().isZero()) {
      try {
        Thread.sleep(reply.headerDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (reply.status() != 200) {
      send(
          exchange,
          reply.status(),
          "application/json",
          errorBody(reply.status(), reply.errorMessage()),
          reply.retryAfter());
      return;
    }
    if (!streaming) {
      send(exchange, 200, "application/json", jsonAnswer(reply, request), "");
      return;
    }
    stream(exchange, reply, frames(reply, request));
  }

  private void stream(HttpExchange exchange, FakeReply reply, List<Frame> frames)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    answerHeaders().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    long outputFrames = frames.stream().filter(f -> f.kind() == Kind.OUTPUT).count();
    long outputSent = 0;
    for (Frame frame : frames) {
      switch (reply.fault()) {
        case NONE -> {}
        case CUT_OFF_MIDWAY -> {
          if (frame.kind() == Kind.TERMINAL
              || (frame.kind() == Kind.OUTPUT && outputSent >= Math.max(1, outputFrames / 2))) {
            out.flush();
            return;
          }
        }
        case MALFORMED_SSE, INVALID_JSON -> {
          if (frame.kind() != Kind.PREAMBLE) {
            write(
                out,
                reply.fault() == FakeReply.Fault.MALFORMED_SSE
                    ? "this line is not part of an event stream\n\n"
                    : "data: {\"truncated\": \n\n");
            return;
          }
        }
        case HANG_AFTER_FIRST_OUTPUT -> {
          if (frame.kind() != Kind.PREAMBLE && outputSent >= 1) {
            hang(out);
            return;
          }
        }
      }
      write(out, frame.wire());
      if (frame.kind() == Kind.OUTPUT) {
        outputSent++;
      }
    }
  }

  /** Sends keep-alive comments until writing fails because the client went away. */
  private void hang(OutputStream out) {
    long deadline = System.nanoTime() + MAX_HANG.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        write(out, ": keep-alive\n\n");
        Thread.sleep(25);
      }
    } catch (IOException gone) {
      clientLeft.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void send(HttpExchange exchange, int status, String type, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    answerHeaders().forEach(exchange.getResponseHeaders()::set);
    if (!retryAfter.isEmpty()) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
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

  /** Splits text into word chunks, each keeping its following whitespace, as vendors stream. */
  protected static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      chunks.add(text.substring(start, i));
      start = i;
    }
    return chunks;
  }

  /** Splits a JSON text in two, as vendors split streamed tool arguments. */
  protected static List<String> halves(String json) {
    if (json.length() < 2) {
      return List.of(json);
    }
    int middle = json.length() / 2;
    return List.of(json.substring(0, middle), json.substring(middle));
  }
}
