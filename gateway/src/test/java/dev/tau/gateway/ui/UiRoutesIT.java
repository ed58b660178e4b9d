package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.features.UiFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page shells and their files, over real HTTP, in token mode (they need no bearer). */
class UiRoutesIT {
  @TempDir static Path dir;
  private static GatewayServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, dir.resolve("gateway"), 10_000),
            GatewayTestSupport.offlineServices());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void webchatAndDashboardShellsAreServedWithoutABearerUnderAStrictPolicy() throws Exception {
    for (String page : List.of("/webchat", "/dashboard")) {
      HttpResponse<String> response = get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValue(UiFeature.CONTENT_SECURITY_POLICY);
      assertThat(UiFeature.CONTENT_SECURITY_POLICY)
          .startsWith("default-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(response.headers().firstValue("ETag")).isPresent();
      assertThat(response.body()).contains("<!doctype html>", "/web/js/api.js");
      assertThat(response.body())
          .as("a shell holds no data")
          .doesNotContain(GatewayTestSupport.TOKEN);
    }
  }

  @Test
  void assetsAreServedWithTheirContentTypes() throws Exception {
    assertThat(get("/web/js/markdown.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/web/css/tau.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    HttpResponse<String> icon = get("/web/favicon.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void aMatchingEtagGetsNotModifiedWithoutABody() throws Exception {
    String etag = get("/web/js/api.js").headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get("/web/js/api.js", "If-None-Match", etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/web/js/api.js", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownAssetsAreAJsonNotFound() throws Exception {
    HttpResponse<String> response = get("/web/js/nope.js");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Json.parse(response.body()).path("error").path("code").asString())
        .isEqualTo("not_found");
  }

  /** Raw request lines, so no client normalises the dots away before the server sees them. */
  @Test
  void pathTraversalNeverReachesAFileOutsideTheWebFolder() throws Exception {
    for (String target :
        List.of(
            "/web/../pom.xml",
            "/web/js/../../dev/tau/gateway/GatewayServer.class",
            "/web/%2e%2e/%2e%2e/pom.xml",
            "/web/..%2f..%2fdev/tau/gateway/GatewayServer.class",
            "/web/%2e%2e%2fwebchat.html",
            "/web/dev/tau/gateway/GatewayServer.class",
            "/web/..\\..\\pom.xml",
            "/web//etc/passwd",
            "/web/js/%00api.js")) {
      String reply = rawGet(target);
      String status = reply.lines().findFirst().orElse("");
      assertThat(status).as(target).doesNotContain(" 200 ");
      assertThat(reply)
          .as(target)
          .doesNotContain("<project", "\u00CA\u00FE\u00BA\u00BE", "root:x:0:0");
    }
  }

  /** Sends one raw request and reads the reply's head and its Content-Length body. */
  private static String rawGet(String target) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      int length =
          head.toString()
              .lines()
              .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
              .map(line -> Integer.parseInt(line.substring(15).strip()))
              .findFirst()
              .orElse(0);
      return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
  }
}
