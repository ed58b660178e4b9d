package dev.tau.gateway.responses;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.RunObserver;
import dev.tau.agent.ToolRegistry;
import dev.tau.core.json.Json;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import dev.tau.core.tool.Tool;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayConfig;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.a2a.A2aEvents;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.Secret;
import dev.tau.guardrails.Guardrail;
import dev.tau.store.memory.InMemorySessionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A real gateway on loopback answering with a given model provider, and an HTTP client for it. */
final class ResponsesHarness implements AutoCloseable {
  static final String MODEL = "scripted/test-model";

  final GatewayServer server;
  final SessionStore sessions;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One server-sent event frame: its {@code event:} name (or null), data, or comment. */
  record Frame(String event, String data, String comment) {
    JsonNode json() {
      return Json.parse(data);
    }
  }

  private ResponsesHarness(GatewayServer server, SessionStore sessions) {
    this.server = server;
    this.sessions = sessions;
  }

  static ResponsesHarness start(ModelProvider provider, Path stateDir) {
    return start(provider, stateDir, 32_000, Duration.ofSeconds(5));
  }

  static ResponsesHarness start(
      ModelProvider provider,
      Path stateDir,
      int maxInputChars,
      Duration drainTimeout,
      Tool... tools) {
    return start(
        provider,
        stateDir,
        Guardrail.disabled(),
        RunObserver.NONE,
        maxInputChars,
        drainTimeout,
        tools);
  }

  /** A gateway whose turns are also given to {@code observer}. */
  static ResponsesHarness start(
      ModelProvider provider, Path stateDir, RunObserver observer, Tool... tools) {
    return start(
        provider, stateDir, Guardrail.disabled(), observer, 32_000, Duration.ofSeconds(5), tools);
  }

  /** A gateway that applies {@code guardrail} on its model-facing routes. */
  static ResponsesHarness start(ModelProvider provider, Path stateDir, Guardrail guardrail) {
    return start(provider, stateDir, guardrail, RunObserver.NONE, 32_000, Duration.ofSeconds(5));
  }

  private static ResponsesHarness start(
      ModelProvider provider,
      Path stateDir,
      Guardrail guardrail,
      RunObserver observer,
      int maxInputChars,
      Duration drainTimeout,
      Tool... tools) {
    Clock clock = Clock.systemUTC();
    Agent agent =
        Agent.builder(AgentConfig.builder("test-model").instructions("Be brief.").build(), provider)
            .tools(ToolRegistry.of(tools))
            .workspace(stateDir)
            .clock(clock)
            .build();
    SessionStore sessions = new InMemorySessionStore(clock);
    GatewayServices services =
        new GatewayServices(
            agent,
            sessions,
            MODEL,
            clock,
            IdSource.random(),
            provider,
            guardrail,
            A2aEvents.NONE,
            observer);
    GatewayConfig config =
        new GatewayConfig(
            "127.0.0.1",
            0,
            AuthMode.LOCALHOST_DEV,
            Secret.of(""),
            Secret.of(""),
            Duration.ofHours(1),
            Duration.ofSeconds(60),
            10_000,
            maxInputChars,
            stateDir.resolve("gateway"),
            MODEL,
            drainTimeout);
    return new ResponsesHarness(GatewayServer.start(config, services), sessions);
  }

  ResponsesRuntime runtime() {
    return ResponsesRuntime.of(server.context());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, JsonNode body) throws Exception {
    return post(path, Json.write(body));
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts and reads the whole event stream. */
  List<Frame> stream(String path, JsonNode body) throws Exception {
    HttpResponse<String> response = post(path, body);
    if (response.statusCode() != 200) {
      throw new AssertionError("stream answered " + response.statusCode() + ": " + response.body());
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new AssertionError("not an event stream: " + response.headers());
    }
    return frames(response.body());
  }

  /** Splits an event-stream body into frames. */
  static List<Frame> frames(String body) {
    List<Frame> frames = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String event = null;
      StringBuilder data = null;
      String comment = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data =
              (data == null ? new StringBuilder() : data.append('\n'))
                  .append(line.substring("data: ".length()));
        } else if (line.startsWith(":")) {
          comment = line.substring(1).strip();
        }
      }
      frames.add(new Frame(event, data == null ? null : data.toString(), comment));
    }
    return frames;
  }

  @Override
  public void close() {
    server.stop();
  }
}
