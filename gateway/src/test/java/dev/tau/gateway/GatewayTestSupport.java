package dev.tau.gateway;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.Secret;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.store.memory.InMemorySessionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Starts real gateways on loopback for tests. */
public final class GatewayTestSupport {
  private GatewayTestSupport() {}

  public static final String TOKEN = "test-token-1234";
  public static final String PASSWORD = "correct horse battery staple";

  public static GatewayConfig config(AuthMode mode, Path stateDir, int rateLimit) {
    return new GatewayConfig(
        "127.0.0.1",
        0,
        mode,
        Secret.of(mode == AuthMode.TOKEN ? TOKEN : ""),
        Secret.of(mode == AuthMode.PASSWORD_SESSION ? PASSWORD : ""),
        Duration.ofHours(1),
        Duration.ofSeconds(60),
        rateLimit,
        32000,
        stateDir,
        "offline/echo",
        Duration.ofSeconds(5));
  }

  public static GatewayServices services(ModelProvider provider) {
    Clock clock = Clock.systemUTC();
    Agent agent = Agent.builder(AgentConfig.of("echo"), provider).clock(clock).build();
    return new GatewayServices(
        agent, new InMemorySessionStore(clock), "offline/echo", clock, IdSource.random(), provider);
  }

  public static GatewayServices offlineServices() {
    return services(new OfflineProvider(IdSource.sequential()));
  }

  public static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Sends a request and returns status and body. */
  public static HttpResponse<String> send(
      GatewayServer server, String method, String path, String bearer, String body)
      throws Exception {
    return client()
        .send(request(server, method, path, bearer, body), HttpResponse.BodyHandlers.ofString());
  }

  /** The status code only, closing the body after the headers (safe for SSE routes). */
  public static int status(
      GatewayServer server, String method, String path, String bearer, String body)
      throws Exception {
    HttpResponse<java.io.InputStream> response =
        client()
            .send(
                request(server, method, path, bearer, body),
                HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }

  private static HttpRequest request(
      GatewayServer server, String method, String path, String bearer, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b.build();
  }
}
