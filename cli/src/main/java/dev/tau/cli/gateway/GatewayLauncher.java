package dev.tau.cli.gateway;

import dev.tau.agent.Agent;
import dev.tau.agent.policy.Confirmer;
import dev.tau.channels.runtime.ChannelService;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.Wiring;
import dev.tau.cli.channels.HostedChannels;
import dev.tau.cli.config.TauSettings;
import dev.tau.cli.telemetry.ObservedTools;
import dev.tau.cli.telemetry.TelemetryListener;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayConfig;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.Secret;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.telemetry.TelemetryEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/** Builds the gateway from flags, env and config, runs it until SIGTERM/SIGINT, then drains. */
public final class GatewayLauncher {
  private GatewayLauncher() {}

  /** Whether the flags or environment ask for the server. */
  public static boolean serverRequested(GatewayOptions o, Map<String, String> env) {
    return o.server
        || "gateway".equalsIgnoreCase(env.getOrDefault("TAU_TRANSPORT_MODE", "").strip())
        || truthy(env.get("TAU_GATEWAY_OPENRESPONSES_SERVER"));
  }

  /** Whether the flags or environment ask the gateway to host the multi-channel transport. */
  public static boolean channelsRequested(GatewayOptions o, Map<String, String> env) {
    return o.multiChannel || truthy(env.get("TAU_GATEWAY_MULTI_CHANNEL"));
  }

  /**
   * {@code --gateway-multi-channel}: the server with the channels hosted.
   *
   * @throws InputException when the server itself is not requested
   */
  public static int serveWithChannels(
      GatewayOptions o, HostedChannels.Flags channels, Path deploymentStateDir, Context ctx)
      throws InterruptedException {
    if (!serverRequested(o, ctx.env())) {
      throw new InputException(
          "--gateway-multi-channel requires --gateway-openresponses-server (or `tau server"
              + " serve`)");
    }
    HostedChannels.check(channels);
    return serve(
        config(o, ctx, null).withDeploymentStateDir(deploymentDir(deploymentStateDir, ctx)),
        channels,
        ctx);
  }

  /** Whether a service lifecycle command was given. */
  public static boolean lifecycleRequested(GatewayOptions o) {
    return o.serviceStart || o.serviceStop || o.serviceStatus;
  }

  /** {@code --gateway-service-start|stop|status}: flip or show the persisted posture. */
  public static int lifecycle(GatewayOptions o, Context ctx) {
    int chosen = (o.serviceStart ? 1 : 0) + (o.serviceStop ? 1 : 0) + (o.serviceStatus ? 1 : 0);
    if (chosen > 1) {
      throw new InputException(
          "--gateway-service-start, --gateway-service-stop and --gateway-service-status are mutually exclusive");
    }
    if (o.serviceStopReason != null && !o.serviceStop) {
      throw new InputException("--gateway-service-stop-reason requires --gateway-service-stop");
    }
    if (o.serviceStatusJson && !o.serviceStatus) {
      throw new InputException("--gateway-service-status-json requires --gateway-service-status");
    }
    GatewayStateFile state = new GatewayStateFile(stateDir(o, ctx), Clock.systemUTC());
    ServiceReport report =
        o.serviceStart
            ? state.markStarted()
            : o.serviceStop ? state.markStopped(o.serviceStopReason) : state.report();
    PrintWriter out = ctx.terminals().out();
    out.println(
        o.serviceStatusJson || ctx.json()
            ? dev.tau.core.json.Json.write(report.toJson())
            : report.toLine());
    out.flush();
    return ExitCode.OK.code();
  }

  /**
   * Runs the server until a signal; returns the exit code. {@code deploymentStateDir} ({@code
   * --deployment-state-dir}, relative to the working directory) is what the status and dashboard
   * show as the deployment runner's health.
   */
  public static int serve(GatewayOptions o, Path deploymentStateDir, Context ctx)
      throws InterruptedException {
    return serve(
        config(o, ctx, null).withDeploymentStateDir(deploymentDir(deploymentStateDir, ctx)), ctx);
  }

  /** {@code --deployment-state-dir} resolved against the working directory. */
  public static Path deploymentDir(Path deploymentStateDir, Context ctx) {
    return ctx.workingDir().resolve(deploymentStateDir).normalize();
  }

  /**
   * Helidon logs each start and stop at INFO through java.util.logging; operators need only
   * warnings.
   */
  private static final java.util.logging.Logger HELIDON_LOG =
      java.util.logging.Logger.getLogger("io.helidon");

  /** Runs the server with an already checked config. */
  public static int serve(GatewayConfig partial, Context ctx) throws InterruptedException {
    return serve(partial, null, ctx);
  }

  /**
   * Runs the server with an already checked config, hosting the multi-channel transport when {@code
   * channels} is not null.
   */
  public static int serve(GatewayConfig partial, HostedChannels.Flags channels, Context ctx)
      throws InterruptedException {
    if (!"true".equals(ctx.env().get("TAU_GATEWAY_VERBOSE"))) {
      HELIDON_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    TauSettings settings = ctx.settings();
    ModelChoice choice = ModelChoice.resolve(settings, ctx.env());
    ModelProvider provider = Wiring.provider(choice.ref(), settings, ctx.env());
    Clock clock = Clock.systemUTC();
    PrintWriter err = ctx.terminals().err();
    PrintWriter out = ctx.terminals().out();
    if (!choice.notice().isEmpty()) {
      err.println("tau: " + choice.notice());
    }
    Agent wired =
        Wiring.agent(
            choice, provider, settings, Confirmer.UNATTENDED, clock, ctx.mcp(settings).tools());
    // every request's tool calls reach the telemetry file through the tools themselves
    Agent agent =
        wired.toBuilder().tools(ObservedTools.observe(wired.tools(), ctx.telemetry())).build();
    GatewayConfig config =
        new GatewayConfig(
            partial.host(),
            partial.port(),
            partial.authMode(),
            partial.token(),
            partial.password(),
            partial.sessionTtl(),
            partial.rateLimitWindow(),
            partial.rateLimitMaxRequests(),
            partial.maxInputChars(),
            partial.stateDir(),
            choice.ref().toString(),
            partial.drainTimeout(),
            partial.deploymentStateDir());
    try (SessionStore store = Wiring.store(settings, clock)) {
      GatewayServices services =
          new GatewayServices(
              agent,
              store,
              choice.ref().toString(),
              clock,
              IdSource.random(),
              provider,
              Wiring.guardrail(settings, Wiring.to(ctx.telemetry())),
              new A2aTelemetry(ctx.telemetry()),
              ctx.tracing());
      ChannelService hosted =
          channels == null
              ? null
              : HostedChannels.build(
                  channels,
                  ctx,
                  choice,
                  provider,
                  store,
                  clock,
                  line -> {
                    synchronized (out) {
                      out.println(line);
                      out.flush();
                    }
                  },
                  line -> {
                    synchronized (err) {
                      err.println(line);
                      err.flush();
                    }
                  });
      GatewayServer server =
          hosted == null
              ? GatewayServer.start(config, services)
              : GatewayServer.start(config, services, hosted);
      if (hosted != null) {
        out.println(hosted.describe());
      }
      out.println(server.startReport().toLine());
      TelemetryListener.modelResolved(ctx.telemetry(), choice.ref(), "server");
      ctx.telemetry()
          .emit(
              TelemetryEvent.SERVER_STARTED,
              java.util.Map.of(
                  "host",
                  config.host(),
                  "port",
                  server.port(),
                  "auth_mode",
                  config.authMode().wire(),
                  "model",
                  choice.ref().toString()));
      out.println(
          "gateway openresponses server listening: endpoint=/v1/responses addr="
              + config.host()
              + ":"
              + server.port()
              + " state_dir="
              + config.stateDir()
              + " auth_mode="
              + config.authMode().wire());
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      for (String name : new String[] {"TERM", "INT"}) {
        Signal.handle(new Signal(name), signal -> stop.countDown());
      }
      stop.await();
      out.println(
          "gateway shutting down: draining in-flight requests (up to "
              + config.drainTimeout().toMillis()
              + " ms)");
      out.flush();
      boolean drained = server.stop();
      out.println(new GatewayStateFile(config.stateDir(), clock).report().toLine());
      if (!drained) {
        err.println(
            "tau: some requests were still running after the drain timeout and were cut off");
      }
      out.flush();
      err.flush();
      return ExitCode.OK.code();
    }
  }

  /**
   * The gateway config from flags and env. {@code bindOverride} replaces the bind (for {@code
   * server serve --host --port}).
   */
  public static GatewayConfig config(GatewayOptions o, Context ctx, String bindOverride) {
    Map<String, String> env = ctx.env();
    String bind =
        bindOverride != null
            ? bindOverride
            : first(
                o.bind,
                env.get("TAU_GATEWAY_OPENRESPONSES_BIND"),
                GatewayConfig.DEFAULT_HOST
                    + ":"
                    + first(
                        env.get("TAU_GATEWAY_PORT"),
                        null,
                        Integer.toString(GatewayConfig.DEFAULT_PORT)));
    String token = first(o.authToken, env.get("TAU_GATEWAY_OPENRESPONSES_AUTH_TOKEN"), "");
    String password = first(o.authPassword, env.get("TAU_GATEWAY_OPENRESPONSES_AUTH_PASSWORD"), "");
    String modeRaw = first(o.authMode, env.get("TAU_GATEWAY_OPENRESPONSES_AUTH_MODE"), null);
    try {
      String[] hostPort = GatewayConfig.parseBind(bind);
      // a token given without a mode means token mode; nothing given means localhost-dev
      AuthMode mode =
          modeRaw != null
              ? AuthMode.parse(modeRaw)
              : token.isEmpty() ? AuthMode.LOCALHOST_DEV : AuthMode.TOKEN;
      return new GatewayConfig(
          hostPort[0],
          Integer.parseInt(hostPort[1]),
          mode,
          Secret.of(token),
          Secret.of(password),
          Duration.ofSeconds(
              number(
                  o.sessionTtlSeconds, env, "TAU_GATEWAY_OPENRESPONSES_SESSION_TTL_SECONDS", 3600)),
          Duration.ofSeconds(
              number(
                  o.rateLimitWindowSeconds,
                  env,
                  "TAU_GATEWAY_OPENRESPONSES_RATE_LIMIT_WINDOW_SECONDS",
                  60)),
          (int)
              number(
                  o.rateLimitMaxRequests == null ? null : o.rateLimitMaxRequests.longValue(),
                  env,
                  "TAU_GATEWAY_OPENRESPONSES_RATE_LIMIT_MAX_REQUESTS",
                  120),
          (int)
              number(
                  o.maxInputChars == null ? null : o.maxInputChars.longValue(),
                  env,
                  "TAU_GATEWAY_OPENRESPONSES_MAX_INPUT_CHARS",
                  32000),
          stateDir(o, ctx),
          "",
          Duration.ofMillis(
              number(
                  o.drainTimeoutMs,
                  env,
                  "TAU_GATEWAY_DRAIN_TIMEOUT_MS",
                  GatewayServer.DEFAULT_DRAIN_TIMEOUT.toMillis())));
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** The gateway state directory from {@code --gateway-state-dir}, env or the default. */
  public static Path stateDir(GatewayOptions o, Context ctx) {
    return ctx.workingDir()
        .resolve(first(o.stateDir, ctx.env().get("TAU_GATEWAY_STATE_DIR"), ".tau/gateway"))
        .normalize();
  }

  private static long number(Long flag, Map<String, String> env, String variable, long fallback) {
    if (flag != null) {
      return flag;
    }
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new InputException(
          "invalid value '"
              + value
              + "' for environment variable "
              + variable
              + ": expected a whole number");
    }
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    if (b != null && !b.isBlank()) {
      return b.strip();
    }
    return fallback;
  }

  private static boolean truthy(String value) {
    return value != null && (value.strip().equals("1") || value.strip().equalsIgnoreCase("true"));
  }
}
