package dev.tau.gateway;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.channels.connectors.ConnectorHttp;
import dev.tau.channels.connectors.ConnectorRuntime;
import dev.tau.channels.connectors.ConnectorsConfig;
import dev.tau.channels.connectors.IngressMode;
import dev.tau.channels.connectors.Sleeper;
import dev.tau.channels.outbound.OutboundDispatchers;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.runtime.ChannelService;
import dev.tau.channels.runtime.LiveRunnerLoop;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.ReplyGenerator;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.channels.runtime.TauCommandHook;
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

  /**
   * A hosted multi-channel service with Telegram and WhatsApp in webhook mode (secrets {@code
   * tg-secret}, {@code wa-verify}, {@code wa-app-secret}), state under {@code dir}; the runner
   * answers "ok" and delivers to the channel store.
   */
  public static ChannelService webhookChannels(Path dir) {
    ConnectorsConfig config =
        ConnectorsConfig.builder()
            .statePath(dir.resolve("connectors.json"))
            .ingestDir(dir.resolve("inbox"))
            .telegramMode(IngressMode.WEBHOOK)
            .whatsappMode(IngressMode.WEBHOOK)
            .telegramWebhookSecret(dev.tau.channels.connectors.Secret.of("tg-secret"))
            .whatsappVerifyToken(dev.tau.channels.connectors.Secret.of("wa-verify"))
            .whatsappAppSecret(dev.tau.channels.connectors.Secret.of("wa-app-secret"))
            .build();
    Clock clock = Clock.systemUTC();
    ConnectorRuntime connectors =
        ConnectorRuntime.open(
            config, clock, Sleeper.system(), ConnectorHttp.jdk(Duration.ofSeconds(1)));
    OutboundSettings outbound = OutboundSettings.defaults();
    MultiChannelRunner runner =
        new MultiChannelRunner(
            dir.resolve("multi-channel"),
            RunnerSettings.DEFAULTS,
            (event, sessionKey, prompt) -> new ReplyGenerator.Reply.Answered("ok"),
            TauCommandHook.UNAVAILABLE,
            OutboundDispatchers.create(outbound, OutboundDispatchers.httpClient(outbound)),
            clock,
            millis -> {},
            warning -> {});
    return new ChannelService(
        connectors,
        new LiveRunnerLoop(runner, dir.resolve("inbox"), Duration.ofMillis(50), l -> {}, l -> {}),
        dir.resolve("multi-channel"),
        dir.resolve("connectors.json"));
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
