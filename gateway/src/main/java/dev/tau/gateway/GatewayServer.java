package dev.tau.gateway;

import dev.tau.channels.runtime.ChannelService;
import dev.tau.gateway.auth.Authenticator;
import dev.tau.gateway.auth.RateLimiter;
import dev.tau.gateway.auth.SessionTokens;
import dev.tau.gateway.features.A2aFeature;
import dev.tau.gateway.features.AuthFeature;
import dev.tau.gateway.features.ChannelsFeature;
import dev.tau.gateway.features.CortexFeature;
import dev.tau.gateway.features.DashboardFeature;
import dev.tau.gateway.features.HealthFeature;
import dev.tau.gateway.features.MetricsFeature;
import dev.tau.gateway.features.OpenAiCompatFeature;
import dev.tau.gateway.features.ResponsesFeature;
import dev.tau.gateway.features.SessionsFeature;
import dev.tau.gateway.features.StatusFeature;
import dev.tau.gateway.features.UiFeature;
import dev.tau.gateway.http.RequestObserver;
import dev.tau.gateway.http.Route;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.gateway.status.MultiChannelSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway: one Helidon server, one port, every feature's routes behind the same stages. {@link
 * #start} marks the service running in {@code state.json}; {@link #stop} drains in-flight requests
 * and streams (bounded) and marks it stopped.
 */
public final class GatewayServer implements AutoCloseable {
  /** The stop reason recorded when the server shuts down. */
  public static final String SHUTDOWN_REASON = "openresponses_server_shutdown";

  /**
   * The features, in registration order, plus the channel webhooks when the gateway hosts {@code
   * channels} (null: it does not). Add new areas in {@link #core()}.
   */
  static List<GatewayFeature> features(ChannelService channels) {
    List<GatewayFeature> features = new ArrayList<>(core());
    if (channels != null) {
      features.add(new ChannelsFeature(channels));
    }
    return List.copyOf(features);
  }

  private static List<GatewayFeature> core() {
    return List.of(
        new HealthFeature(),
        new AuthFeature(),
        new ResponsesFeature(),
        new OpenAiCompatFeature(),
        new SessionsFeature(),
        new UiFeature(),
        new DashboardFeature(),
        new StatusFeature(),
        new CortexFeature(),
        new MetricsFeature(),
        new A2aFeature());
  }

  private final GatewayConfig config;
  private final GatewayContext context;
  private final ChannelService channels;
  private final RouteTable routes;
  private final WebServer server;
  private final ServiceReport startReport;
  private volatile boolean stopped;

  private GatewayServer(
      GatewayConfig config,
      GatewayContext context,
      RouteTable routes,
      WebServer server,
      ServiceReport startReport,
      ChannelService channels) {
    this.config = config;
    this.channels = channels;
    this.context = context;
    this.routes = routes;
    this.server = server;
    this.startReport = startReport;
  }

  /**
   * Starts serving.
   *
   * @throws IllegalStateException naming the bind address when the port cannot be bound
   */
  public static GatewayServer start(GatewayConfig config, GatewayServices services) {
    return start(config, services, RequestObserver.NONE);
  }

  public static GatewayServer start(
      GatewayConfig config, GatewayServices services, RequestObserver observer) {
    return start(config, services, observer, null);
  }

  /**
   * Starts serving and hosts {@code channels}: their webhook routes join the route table, their
   * polling and runner loops start once the port is bound and stop in {@link #stop()}'s drain, and
   * {@code /gateway/status} reads their state files.
   */
  public static GatewayServer start(
      GatewayConfig config, GatewayServices services, ChannelService channels) {
    return start(config, services, RequestObserver.NONE, Objects.requireNonNull(channels));
  }

  private static GatewayServer start(
      GatewayConfig config,
      GatewayServices services,
      RequestObserver observer,
      ChannelService channels) {
    Path stateDir = config.stateDir();
    try {
      Files.createDirectories(stateDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create --gateway-state-dir " + stateDir + ": " + e.getMessage(), e);
    }
    GatewayStateFile stateFile = new GatewayStateFile(stateDir, services.clock());
    SessionTokens sessions = new SessionTokens(config.sessionTtl(), services.clock());
    Authenticator authenticator = new Authenticator(config.authMode(), config.token(), sessions);
    RateLimiter rateLimiter =
        new RateLimiter(config.rateLimitMaxRequests(), config.rateLimitWindow(), services.clock());
    Drain drain = new Drain();
    Path tauRoot =
        stateDir.toAbsolutePath().normalize().getParent() == null
            ? stateDir.toAbsolutePath().normalize()
            : stateDir.toAbsolutePath().normalize().getParent();
    MultiChannelSources sources =
        channels == null
            ? MultiChannelSources.defaults(tauRoot)
            : new MultiChannelSources(channels.stateDir(), channels.connectorsStatePath());
    GatewayContext context =
        new GatewayContext(config, services, authenticator, rateLimiter, stateFile, drain, sources);
    List<GatewayFeature> features = features(channels);
    // features that watch traffic (the dashboard's charts) hear about every request as well
    List<RequestObserver> observers = new ArrayList<>(List.of(observer));
    features.stream()
        .filter(RequestObserver.class::isInstance)
        .map(RequestObserver.class::cast)
        .forEach(observers::add);
    RouteTable routes =
        new RouteTable(authenticator, rateLimiter, RequestObserver.all(observers), drain);
    for (GatewayFeature feature : features) {
      feature.register(routes, context);
    }
    HttpRouting.Builder routing = HttpRouting.builder();
    routes.install(routing);
    WebServer server;
    try {
      server =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              .shutdownHook(false)
              // SSE frames are small: without TCP_NODELAY each waits ~40 ms for the client's
              // delayed ACK (measured: first stream event 44 ms, 1.2 ms with it on)
              .connectionOptions(
                  io.helidon.common.socket.SocketOptions.builder().tcpNoDelay(true).build())
              .maxPayloadSize(config.maxBodyBytes() + 1)
              .routing(routing)
              .build()
              .start();
    } catch (RuntimeException e) {
      String error = "cannot bind " + config.host() + ":" + config.port() + ": " + e.getMessage();
      stateFile.markStartFailed(error);
      throw new IllegalStateException(error, e);
    }
    ServiceReport report = stateFile.markStarted();
    if (channels != null) {
      channels.start();
    }
    return new GatewayServer(config, context, routes, server, report, channels);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  public String host() {
    return config.host();
  }

  /** Every registered route. */
  public List<Route> routes() {
    return routes.routes();
  }

  public GatewayContext context() {
    return context;
  }

  /** The service posture recorded at start. */
  public ServiceReport startReport() {
    return startReport;
  }

  /**
   * Drains (new requests get 503, in-flight ones get up to the drain timeout), stops the server and
   * marks the service stopped. Returns whether every in-flight request finished in time.
   */
  public synchronized boolean stop() {
    if (stopped) {
      return true;
    }
    stopped = true;
    boolean drained;
    try {
      drained = context.drain().drain(config.drainTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    if (channels != null) {
      // after the HTTP drain no webhook adds events; polling stops, the runner ends its cycle
      drained &= channels.stop(config.drainTimeout());
    }
    server.stop();
    context.stateFile().markStopped(SHUTDOWN_REASON);
    return drained;
  }

  @Override
  public void close() {
    stop();
  }

  /** The default drain budget. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
}
