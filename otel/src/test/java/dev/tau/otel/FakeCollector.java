package dev.tau.otel;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A fake OpenTelemetry collector on loopback: accepts {@code POST /v1/traces} in OTLP/HTTP protobuf
 * (gzip or not), answers 200, and decodes each request's resources and spans just far enough to
 * assert on them (a minimal protobuf reader, no generated classes).
 */
final class FakeCollector implements AutoCloseable {
  /** One span as received. */
  record ReceivedSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      Map<String, Object> attributes,
      int statusCode) {}

  /** One export request. */
  record Export(
      String path,
      Map<String, String> headers,
      byte[] body,
      Map<String, Object> resource,
      List<ReceivedSpan> spans) {}

  private final HttpServer server;
  private final List<Export> exports = new CopyOnWriteArrayList<>();

  FakeCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
          }
          Map<String, String> headers = new LinkedHashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          exports.add(decode(exchange.getRequestURI().getPath(), headers, body));
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Export> exports() {
    return List.copyOf(exports);
  }

  List<ReceivedSpan> spans() {
    List<ReceivedSpan> all = new ArrayList<>();
    exports.forEach(e -> all.addAll(e.spans()));
    return all;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ExportTraceServiceRequest{1: ResourceSpans{1: Resource{1: KeyValue}, 2: ScopeSpans{2: Span}}}
  private static Export decode(String path, Map<String, String> headers, byte[] body) {
    Map<String, Object> resource = new LinkedHashMap<>();
    List<ReceivedSpan> spans = new ArrayList<>();
    for (byte[] resourceSpans : fields(body).bytes(1)) {
      Fields rs = fields(resourceSpans);
      for (byte[] res : rs.bytes(1)) {
        attributes(fields(res).bytes(1), resource);
      }
      for (byte[] scopeSpans : rs.bytes(2)) {
        for (byte[] span : fields(scopeSpans).bytes(2)) {
          spans.add(span(fields(span)));
        }
      }
    }
    return new Export(path, headers, body, resource, spans);
  }

  private static ReceivedSpan span(Fields f) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes(f.bytes(9), attributes);
    int status = 0;
    for (byte[] s : f.bytes(15)) {
      status = (int) fields(s).number(3, 0);
    }
    return new ReceivedSpan(
        hex(f.bytes(1)),
        hex(f.bytes(2)),
        hex(f.bytes(4)),
        f.string(5),
        (int) f.number(6, 0),
        attributes,
        status);
  }

  private static void attributes(List<byte[]> keyValues, Map<String, Object> into) {
    for (byte[] kv : keyValues) {
      Fields f = fields(kv);
      into.put(f.string(1), value(fields(f.bytes(2).getFirst())));
    }
  }

  // AnyValue{1 string, 2 bool, 3 int, 4 double, 5 ArrayValue{1 AnyValue}}
  private static Object value(Fields v) {
    if (!v.bytes(1).isEmpty()) {
      return v.string(1);
    }
    if (v.has(2)) {
      return v.number(2, 0) != 0;
    }
    if (v.has(3)) {
      return v.number(3, 0);
    }
    if (v.has(4)) {
      return Double.longBitsToDouble(v.number(4, 0));
    }
    if (!v.bytes(5).isEmpty()) {
      List<Object> items = new ArrayList<>();
      for (byte[] item : fields(v.bytes(5).getFirst()).bytes(1)) {
        items.add(value(fields(item)));
      }
      return items;
    }
    return "";
  }

  private static String hex(List<byte[]> values) {
    return values.isEmpty() ? "" : HexFormat.of().formatHex(values.getFirst());
  }

  /** The fields of one protobuf message: numbers (varint, fixed) and length-delimited bytes. */
  private record Fields(Map<Integer, List<Object>> byNumber) {
    List<byte[]> bytes(int number) {
      List<byte[]> out = new ArrayList<>();
      for (Object o : byNumber.getOrDefault(number, List.of())) {
        if (o instanceof byte[] b) {
          out.add(b);
        }
      }
      return out;
    }

    String string(int number) {
      List<byte[]> values = bytes(number);
      return values.isEmpty() ? "" : new String(values.getFirst(), StandardCharsets.UTF_8);
    }

    boolean has(int number) {
      return byNumber.containsKey(number);
    }

    long number(int number, long fallback) {
      for (Object o : byNumber.getOrDefault(number, List.of())) {
        if (o instanceof Long l) {
          return l;
        }
      }
      return fallback;
    }
  }

  private static Fields fields(byte[] message) {
    Map<Integer, List<Object>> out = new LinkedHashMap<>();
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long tag = varint(in);
      int number = (int) (tag >>> 3);
      Object value =
          switch ((int) (tag & 7)) {
            case 0 -> varint(in);
            case 1 -> in.getLong();
            case 2 -> {
              byte[] b = new byte[(int) varint(in)];
              in.get(b);
              yield b;
            }
            case 5 -> (long) in.getInt();
            default -> throw new IllegalStateException("unexpected wire type in " + tag);
          };
      out.computeIfAbsent(number, k -> new ArrayList<>()).add(value);
    }
    return new Fields(out);
  }

  private static long varint(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("varint too long");
  }

  static String text(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(body);
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
