package dev.tau.bench.load;

import dev.tau.core.json.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A fake OpenAI upstream built for load: {@code POST /v1/responses} and {@code POST
 * /v1/chat/completions} (whole JSON or SSE streams, in OpenAI's wire format) and {@code GET
 * /v1/models}, served over HTTP/1.1 keep-alive on loopback with one virtual thread per connection
 * and answers rendered once per model.
 *
 * <p>Unlike testkit's {@code FakeOpenAiServer} it needs no script and records nothing, so it can
 * answer millions of requests without its own cost growing. {@link #holdStreams()} makes every
 * stream that starts afterwards stop after its first text delta until {@link #releaseStreams()},
 * which is how a load test keeps many streams open at once.
 */
public final class FastOpenAiUpstream implements AutoCloseable {
  /** The answer every request gets. */
  public static final String ANSWER =
      "Hello from the loopback upstream: the gateway relayed this answer to you word by word.";

  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private static final int MAX_CACHED_MODELS = 64;
  private static final Duration MAX_HOLD = Duration.ofSeconds(120);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final UpstreamWire wire = new UpstreamWire(ANSWER);
  private final Map<String, UpstreamWire.Rendered> rendered = new ConcurrentHashMap<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicInteger peakOpenStreams = new AtomicInteger();
  private volatile CountDownLatch hold;
  private volatile boolean closed;

  private FastOpenAiUpstream(ServerSocket socket) {
    this.socket = socket;
  }

  /** Starts on an ephemeral loopback port. */
  public static FastOpenAiUpstream start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    // a deep backlog: a thousand streams connect at once
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    FastOpenAiUpstream upstream = new FastOpenAiUpstream(socket);
    Thread.ofPlatform().daemon().name("fast-upstream-accept").start(upstream::acceptLoop);
    return upstream;
  }

  /** The base URL a client is configured with, for example {@code http://127.0.0.1:5123/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
  }

  /** Streams that start from now on stop after their first text delta until released. */
  public void holdStreams() {
    hold = new CountDownLatch(1);
  }

  /** Lets every held stream finish, and stops holding new ones. */
  public void releaseStreams() {
    CountDownLatch current = hold;
    hold = null;
    if (current != null) {
      current.countDown();
    }
  }

  /** Streams being answered right now. */
  public int openStreams() {
    return openStreams.get();
  }

  /** The most streams open at once since the start or the last {@link #resetPeak()}. */
  public int peakOpenStreams() {
    return peakOpenStreams.get();
  }

  public void resetPeak() {
    peakOpenStreams.set(openStreams.get());
  }

  /** Requests answered (any status) so far. */
  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    closed = true;
    releaseStreams();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket connection : connections) {
      closeQuietly(connection);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      connections.add(connection);
      Thread.ofVirtual().name("fast-upstream-conn").start(() -> serve(connection));
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(connection.getOutputStream(), 16 * 1024);
      while (!closed) {
        Request request;
        try {
          request = Request.read(in, out);
        } catch (BadRequest e) {
          respond(
              out,
              e.status,
              "application/json",
              UpstreamWire.error(e.status, e.getMessage()),
              true);
          return;
        }
        if (request == null) {
          return;
        }
        requests.incrementAndGet();
        handle(request, out);
        if (request.close()) {
          return;
        }
      }
    } catch (IOException gone) {
      // the client closed the connection; nothing to answer
    } finally {
      connections.remove(connection);
    }
  }

  private void handle(Request request, OutputStream out) throws IOException {
    String path = request.path();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    boolean responses = path.equals("/v1/responses");
    boolean chat = path.equals("/v1/chat/completions");
    if (path.equals("/v1/models") && request.method().equals("GET")) {
      respond(out, 200, "application/json", UpstreamWire.models("gpt-4o-mini"), request.close());
      return;
    }
    if (!responses && !chat) {
      respond(
          out,
          404,
          "application/json",
          UpstreamWire.error(404, "Invalid URL (" + request.method() + " " + path + ")"),
          request.close());
      return;
    }
    if (!request.method().equals("POST")) {
      respond(
          out,
          405,
          "application/json",
          UpstreamWire.error(405, "method not allowed"),
          request.close());
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      respond(
          out,
          400,
          "application/json",
          UpstreamWire.error(400, "We could not parse the JSON body of your request."),
          request.close());
      return;
    }
    if (!body.isObject() || !body.path("model").isString()) {
      respond(
          out,
          400,
          "application/json",
          UpstreamWire.error(400, "you must provide a model parameter"),
          request.close());
      return;
    }
    UpstreamWire.Rendered answer = renderedFor(body.path("model").asString());
    boolean stream = body.path("stream").asBoolean(false);
    if (!stream) {
      respond(
          out,
          200,
          "application/json",
          responses ? answer.responsesJson() : answer.chatJson(),
          request.close());
      return;
    }
    UpstreamWire.Stream frames =
        responses
            ? answer.responsesStream()
            : body.path("stream_options").path("include_usage").asBoolean(false)
                ? answer.chatStreamWithUsage()
                : answer.chatStream();
    stream(out, frames, request.close());
  }

  private UpstreamWire.Rendered renderedFor(String model) {
    UpstreamWire.Rendered cached = rendered.get(model);
    if (cached != null) {
      return cached;
    }
    UpstreamWire.Rendered fresh = wire.render(model);
    if (rendered.size() < MAX_CACHED_MODELS) {
      rendered.putIfAbsent(model, fresh);
    }
    return fresh;
  }

  private void stream(OutputStream out, UpstreamWire.Stream stream, boolean close)
      throws IOException {
    CountDownLatch held = hold;
    int open = openStreams.incrementAndGet();
    peakOpenStreams.accumulateAndGet(open, Math::max);
    try {
      out.write(
          head(200, "text/event-stream; charset=utf-8", -1, close)
              .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < stream.frames().size(); i++) {
        byte[] frame = stream.frames().get(i);
        out.write(Integer.toHexString(frame.length).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.write(frame);
        out.write(CRLF);
        // each frame leaves at once, as a model's tokens do
        out.flush();
        if (held != null && i == stream.holdAfter()) {
          awaitRelease(held);
        }
      }
      out.write(LAST_CHUNK);
      out.flush();
    } finally {
      openStreams.decrementAndGet();
    }
  }

  private void awaitRelease(CountDownLatch held) {
    try {
      held.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(OutputStream out, int status, String type, byte[] body, boolean close)
      throws IOException {
    out.write(head(status, type, body.length, close).getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static String head(int status, String type, int length, boolean close) {
    StringBuilder head = new StringBuilder(200);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: ").append(type).append("\r\n");
    if (length >= 0) {
      head.append("Content-Length: ").append(length).append("\r\n");
    } else {
      head.append("Transfer-Encoding: chunked\r\n");
      head.append("Cache-Control: no-cache\r\n");
    }
    head.append("x-request-id: req_loopback\r\n");
    head.append("openai-processing-ms: 0\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      default -> "Error";
    };
  }

  private static void closeQuietly(Socket connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** A request the fake cannot read; answered with {@code status} and the connection closed. */
  private static final class BadRequest extends IOException {
    private final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** One HTTP/1.1 request: just what the fake routes on. */
  private record Request(String method, String path, byte[] body, boolean close) {

    /** Reads the next request, or returns null at a clean end of the connection. */
    static Request read(InputStream in, OutputStream out) throws IOException {
      int[] budget = {MAX_HEADER_BYTES};
      String line = line(in, budget);
      while (line != null && line.isEmpty()) {
        line = line(in, budget);
      }
      if (line == null) {
        return null;
      }
      String[] parts = line.split(" ", -1);
      if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
        throw new BadRequest(400, "malformed request line");
      }
      long length = 0;
      boolean chunked = false;
      boolean close = parts[2].equals("HTTP/1.0");
      boolean expectContinue = false;
      while (true) {
        String header = line(in, budget);
        if (header == null) {
          throw new BadRequest(400, "the headers ended early");
        }
        if (header.isEmpty()) {
          break;
        }
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new BadRequest(400, "malformed header line");
        }
        String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).strip();
        switch (name) {
          case "content-length" -> {
            try {
              length = Long.parseLong(value);
            } catch (NumberFormatException e) {
              throw new BadRequest(400, "bad Content-Length");
            }
          }
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> {
            String v = value.toLowerCase(Locale.ROOT);
            close = v.contains("close") || (close && !v.contains("keep-alive"));
          }
          case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
          default -> {}
        }
      }
      if (length < 0 || length > MAX_BODY_BYTES) {
        throw new BadRequest(413, "the request body is too large");
      }
      if (expectContinue) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      byte[] body = chunked ? chunkedBody(in, budget) : in.readNBytes((int) length);
      if (!chunked && body.length != length) {
        throw new BadRequest(400, "the body ended early");
      }
      return new Request(parts[0], parts[1], body, close);
    }

    private static byte[] chunkedBody(InputStream in, int[] budget) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in, budget);
        if (sizeLine == null) {
          throw new BadRequest(400, "the chunked body ended early");
        }
        int extension = sizeLine.indexOf(';');
        int size;
        try {
          size =
              Integer.parseInt(
                  (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).strip(), 16);
        } catch (NumberFormatException e) {
          throw new BadRequest(400, "bad chunk size");
        }
        if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
          throw new BadRequest(413, "the request body is too large");
        }
        if (size == 0) {
          // trailers end with an empty line
          String trailer;
          do {
            trailer = line(in, budget);
          } while (trailer != null && !trailer.isEmpty());
          return body.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length != size) {
          throw new BadRequest(400, "the chunked body ended early");
        }
        body.write(chunk);
        line(in, budget);
      }
    }

    /** A CRLF- (or LF-) terminated line in ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in, int[] budget) throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (line.isEmpty()) {
            return null;
          }
          throw new BadRequest(400, "the connection ended inside a line");
        }
        if (--budget[0] < 0) {
          throw new BadRequest(431, "the request head is too large");
        }
        if (b == '\n') {
          int last = line.length() - 1;
          if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
          }
          return line.toString();
        }
        line.append((char) b);
      }
    }
  }
}
