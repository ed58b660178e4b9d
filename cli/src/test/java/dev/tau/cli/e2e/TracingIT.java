package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tau ask} with an OTLP endpoint configured exports its turn's spans to a collector on
 * loopback before the process exits; without one it sends nothing.
 */
class TracingIT {
  @TempDir Path work;
  HttpServer collector;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCollector() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            // protobuf keeps strings as UTF-8 bytes: span names and attribute values are readable
            bodies.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
          paths.add(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  Path script() throws Exception {
    Path script = work.resolve("script.json");
    Files.writeString(
        script,
        """
        {"replies": [
          {"tool_calls": [{"name": "write", "arguments": {"path": "n.txt", "content": "SECRET-CONTENT"}}]},
          {"text": "ANSWER-TEXT"}
        ]}
        """);
    return script;
  }

  TauProcess.Result ask(Map<String, String> env) throws Exception {
    return TauProcess.run(
        work,
        env,
        null,
        "--json",
        "--model",
        "offline/script",
        "--offline-script",
        script().toString(),
        "ask",
        "PROMPT-TEXT");
  }

  @Test
  void askExportsTheTurnsSpansBeforeItExits() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());

    TauProcess.Result r = ask(env);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(paths).isNotEmpty().allMatch("/v1/traces"::equals);
    String all = String.join("\n", bodies);
    assertThat(all)
        .contains("invoke_agent tau")
        .contains("chat script")
        .contains("execute_tool write")
        .contains("gen_ai.tool.call.id")
        .contains("offline")
        .doesNotContain("PROMPT-TEXT")
        .doesNotContain("ANSWER-TEXT")
        .doesNotContain("SECRET-CONTENT");
  }

  @Test
  void withoutAnEndpointAskSendsNothing() throws Exception {
    TauProcess.Result r = ask(TauProcess.cleanEnv(work));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(bodies).isEmpty();
  }

  @Test
  void anUnusableOtelSettingIsAClearInputError() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");

    TauProcess.Result r = ask(env);

    assertThat(r.exitCode()).isEqualTo(42); // input error
    assertThat(r.stdout()).contains("OTEL_EXPORTER_OTLP_PROTOCOL").doesNotContain("\tat ");
  }
}
