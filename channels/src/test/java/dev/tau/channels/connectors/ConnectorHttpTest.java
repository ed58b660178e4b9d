package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tau.channels.http.CappedBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorHttpTest {
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/huge",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
            byte[] block = new byte[64 * 1024];
            OutputStream out = exchange.getResponseBody();
            for (long sent = 0; sent <= ConnectorHttp.MAX_RESPONSE_BYTES; sent += block.length) {
              out.write(block);
            }
          } catch (IOException e) {
            // the client hung up once it had enough: that is the point
          }
        });
    server.createContext(
        "/ok",
        exchange -> {
          try (exchange) {
            byte[] body = "{\"ok\":true,\"result\":[]}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void aPollResponseAboveTheCapFailsAsATransportErrorInsteadOfFillingTheHeap() {
    ConnectorHttp http = ConnectorHttp.jdk(Duration.ofSeconds(5));
    assertThatThrownBy(() -> http.get(uri("/huge"), Map.of(), Duration.ofSeconds(20)))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(CappedBody.isTooLarge(e)).isTrue());
  }

  @Test
  void aNormalPollResponseIsReadWhole() throws Exception {
    ConnectorHttp.Response response =
        ConnectorHttp.jdk(Duration.ofSeconds(5)).get(uri("/ok"), Map.of(), Duration.ofSeconds(5));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"ok\":true,\"result\":[]}");
  }
}
