package dev.tau.cli.channels;

import dev.tau.agent.Agent;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.Confirmer;
import dev.tau.channels.ContractFixture;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.Transport;
import dev.tau.channels.commands.TauCommands;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.InboxReader;
import dev.tau.channels.ingress.Normalization;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundDispatchers;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.runtime.CycleReport;
import dev.tau.channels.runtime.JsonlAppender;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.RouteInspect;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.channels.runtime.StatusInspect;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.Wiring;
import dev.tau.cli.config.TauSettings;
import dev.tau.cli.telemetry.TelemetryListener;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link MultiChannelOptions}: the read-only reports (transport health, status, route
 * inspect), the one-shot raw ingest, and one cycle of the live or contract runner with the agent
 * answering allowed messages.
 */
public final class MultiChannelLauncher {
  /** Largest raw payload the one-shot ingest reads (a platform update is a few KB). */
  static final long MAX_INGEST_BYTES = 1_048_576;

  private MultiChannelLauncher() {}

  public static int run(
      MultiChannelOptions o, OutboundOptions outbound, ChannelOpsOptions ops, Context ctx)
      throws InterruptedException {
    checkCombination(o);
    Path work = ctx.workingDir();
    Path stateDir = o.stateDir(ctx.env(), work);
    if (o.transportHealthInspect != null) {
      return transportHealth(o, stateDir, ctx);
    }
    if (o.statusInspect) {
      return status(o, stateDir, ctx);
    }
    if (o.routeInspectFile != null) {
      return routeInspect(o, stateDir, work, ctx);
    }
    if (o.ingestFile != null) {
      return ingest(o, work, ctx);
    }
    return runner(o, outbound, ops, stateDir, work, ctx);
  }

  private static void checkCombination(MultiChannelOptions o) {
    List<String> modes = new ArrayList<>();
    if (o.liveRunner) {
      modes.add("--multi-channel-live-runner");
    }
    if (o.contractRunner) {
      modes.add("--multi-channel-contract-runner");
    }
    if (o.ingestFile != null) {
      modes.add("--multi-channel-live-ingest-file");
    }
    if (o.routeInspectFile != null) {
      modes.add("--multi-channel-route-inspect-file");
    }
    if (o.statusInspect) {
      modes.add("--multi-channel-status-inspect");
    }
    if (o.transportHealthInspect != null) {
      modes.add("--transport-health-inspect");
    }
    if (modes.size() > 1) {
      throw new InputException(String.join(", ", modes) + " cannot be combined; give one");
    }
    requires(
        o.routeInspectJson != null,
        o.routeInspectFile != null,
        "--multi-channel-route-inspect-json",
        "--multi-channel-route-inspect-file");
    requires(
        o.statusJson != null,
        o.statusInspect,
        "--multi-channel-status-json",
        "--multi-channel-status-inspect");
    requires(
        o.transportHealthJson != null,
        o.transportHealthInspect != null,
        "--transport-health-json",
        "--transport-health-inspect");
    requires(
        o.ingestTransport != null,
        o.ingestFile != null,
        "--multi-channel-live-ingest-transport",
        "--multi-channel-live-ingest-file");
    requires(
        o.fixture != null,
        o.contractRunner,
        "--multi-channel-fixture",
        "--multi-channel-contract-runner");
  }

  private static void requires(boolean given, boolean partner, String flag, String needs) {
    if (given && !partner) {
      throw new InputException(flag + " requires " + needs);
    }
  }

  private static boolean on(Boolean flag, Context ctx) {
    return Boolean.TRUE.equals(flag) || ctx.json();
  }

  private static int transportHealth(MultiChannelOptions o, Path stateDir, Context ctx) {
    String target = o.transportHealthInspect.strip().toLowerCase(Locale.ROOT);
    if (!target.equals("multi-channel") && !target.equals("multichannel")) {
      throw new InputException(
          "--transport-health-inspect target '"
              + o.transportHealthInspect.strip()
              + "' is not supported (supported: multi-channel, deployment)");
    }
    var rows = inspect(() -> StatusInspect.health(stateDir));
    PrintWriter out = ctx.terminals().out();
    if (on(o.transportHealthJson, ctx)) {
      out.println(Json.write(rows));
    } else {
      rows.forEach(row -> out.println(StatusInspect.healthLine(row)));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private static int status(MultiChannelOptions o, Path stateDir, Context ctx) {
    var report = inspect(() -> StatusInspect.status(stateDir));
    PrintWriter out = ctx.terminals().out();
    out.println(on(o.statusJson, ctx) ? Json.write(report) : StatusInspect.statusLine(report));
    out.flush();
    return ExitCode.OK.code();
  }

  private static int routeInspect(MultiChannelOptions o, Path stateDir, Path work, Context ctx) {
    Path file = work.resolve(o.routeInspectFile);
    var report = inspect(() -> RouteInspect.inspect(file, stateDir));
    PrintWriter out = ctx.terminals().out();
    out.println(on(o.routeInspectJson, ctx) ? Json.write(report) : RouteInspect.line(report));
    out.flush();
    return ExitCode.OK.code();
  }

  private static <T> T inspect(java.util.function.Supplier<T> report) {
    try {
      return report.get();
    } catch (StatusInspect.StateUnavailable | RouteInspect.BadEventFile e) {
      throw new InputException(e.getMessage());
    } catch (PolicyFileException e) {
      throw new InputException("route bindings are invalid: " + e.getMessage());
    }
  }

  /** {@code --multi-channel-live-ingest-file}: normalise one raw payload, append its envelope. */
  private static int ingest(MultiChannelOptions o, Path work, Context ctx) {
    if (o.ingestTransport == null) {
      throw new InputException(
          "--multi-channel-live-ingest-file requires --multi-channel-live-ingest-transport"
              + " (telegram|discord|whatsapp)");
    }
    Transport transport =
        Transport.parse(o.ingestTransport)
            .orElseThrow(
                () ->
                    new InputException(
                        "--multi-channel-live-ingest-transport must be telegram, discord or"
                            + " whatsapp, got '"
                            + o.ingestTransport.strip()
                            + "'"));
    String provider = o.ingestProvider(ctx.env());
    Path file = work.resolve(o.ingestFile);
    String raw = readBounded(file);
    ChannelNormalizer.RawIngest ingest =
        ChannelNormalizer.standard().ingestRaw(transport, provider, raw);
    InboundEvent event =
        switch (ingest.outcome()) {
          case Normalization.Normalized n -> n.event();
          case Normalization.Rejected r ->
              throw new InputException(
                  "multi-channel live ingest parse failure: reason_code="
                      + r.reason().wire()
                      + " detail="
                      + r.detail());
        };
    Path dir = o.liveIngestDir(ctx.env(), work);
    Path inbox = InboxReader.inboxFile(dir, transport);
    try {
      JsonlAppender.appendLine(inbox, ingest.envelope().toLine());
    } catch (UncheckedIOException e) {
      throw new InputException("cannot append to " + inbox + ": " + e.getCause().getMessage());
    }
    PrintWriter out = ctx.terminals().out();
    out.println(
        "multi-channel live ingest queued: transport="
            + transport.wire()
            + " provider="
            + provider
            + " event_id="
            + event.eventId()
            + " conversation_id="
            + event.conversationId()
            + " ingress_file="
            + inbox);
    out.flush();
    return ExitCode.OK.code();
  }

  private static String readBounded(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new InputException(
            "--multi-channel-live-ingest-file " + file + " does not exist or is not a file");
      }
      if (Files.size(file) > MAX_INGEST_BYTES) {
        throw new InputException(
            "--multi-channel-live-ingest-file "
                + file
                + " is larger than "
                + MAX_INGEST_BYTES
                + " bytes");
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** One cycle of the live or contract runner. */
  private static int runner(
      MultiChannelOptions o,
      OutboundOptions outbound,
      ChannelOpsOptions ops,
      Path stateDir,
      Path work,
      Context ctx)
      throws InterruptedException {
    PrintWriter out = ctx.terminals().out();
    PrintWriter err = ctx.terminals().err();
    RunnerSettings settings;
    try {
      settings = o.runnerSettings(ctx.env());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    // tokens missing from flags and env come from the integration store
    OutboundSettings outboundSettings =
        outbound.toSettings(ctx.env(), () -> ChannelOpsLauncher.store(ops, ctx));
    List<InboundEvent> events = new ArrayList<>();
    boolean live = o.liveRunner;
    Path inbox = null;
    if (live) {
      inbox = o.liveIngressDir(ctx.env(), work);
      if (!Files.isDirectory(inbox)) {
        throw new InputException(
            "live ingress dir "
                + inbox
                + " does not exist or is not a directory (--multi-channel-live-ingress-dir;"
                + " --multi-channel-live-ingest-file creates it)");
      }
    } else {
      events.addAll(ContractFixture.load(o.fixture(ctx.env(), work)).events());
    }

    TauSettings tau = ctx.settings();
    ModelChoice choice = ModelChoice.resolve(tau, ctx.env());
    if (!choice.notice().isEmpty()) {
      err.println("tau: " + choice.notice());
      err.flush();
    }
    ModelProvider provider = Wiring.provider(choice.ref(), tau, ctx.env());
    TelemetryListener.modelResolved(ctx.telemetry(), choice.ref(), "multi-channel");
    Clock clock = Clock.systemUTC();
    // channel users are strangers to the machine: their messages never reach the coding tools
    Agent agent =
        Wiring.agent(choice, provider, tau, Confirmer.UNATTENDED, clock).toBuilder()
            .tools(ToolRegistry.of())
            .build();
    try (SessionStore sessions = Wiring.store(tau, clock)) {
      MultiChannelRunner runner =
          newRunner(
              stateDir,
              settings,
              outboundSettings,
              new RunnerWiring(tau, ctx, choice, agent, sessions, clock),
              message -> {
                err.println(message);
                err.flush();
              });
      runner.media(MediaWiring.understanding(o, choice, provider, ctx.env()));
      CycleReport report;
      try {
        report =
            live
                ? runner.runLiveCycle(
                    inbox,
                    diagnostic -> {
                      err.println(diagnostic);
                      err.flush();
                    })
                : runner.runCycle(events);
      } catch (UncheckedIOException e) {
        throw new InputException(
            "multi-channel state dir " + stateDir + " cannot be written: " + e.getMessage());
      }
      out.println(report.summaryLine(live));
      out.println(report.healthLine(live));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  /**
   * What a runner is built from besides its settings: the profile, the process context, the model,
   * the tool-less channel agent, the session store and the clock.
   */
  record RunnerWiring(
      TauSettings tau,
      Context ctx,
      ModelChoice choice,
      Agent agent,
      SessionStore sessions,
      Clock clock) {}

  /**
   * The live runner as every host builds it (this command's one cycle and the gateway's loop):
   * agent replies through the guardrails, the {@code /tau} commands, outbound delivery and pairing
   * codes.
   */
  static MultiChannelRunner newRunner(
      Path stateDir,
      RunnerSettings settings,
      OutboundSettings outboundSettings,
      RunnerWiring w,
      java.util.function.Consumer<String> warn) {
    TauSettings tau = w.tau();
    Context ctx = w.ctx();
    ModelChoice choice = w.choice();
    SessionStore sessions = w.sessions();
    Clock clock = w.clock();
    Agent agent = w.agent();
    MultiChannelRunner runner =
        new MultiChannelRunner(
            stateDir,
            settings,
            new AgentReplies(Wiring.guardedRunner(sessions, agent, clock, tau, ctx.telemetry())),
            new TauCommands(
                stateDir,
                new ChannelOperatorFacts(
                    tau,
                    ctx.env(),
                    choice,
                    sessions,
                    outboundSettings.mode().wire(),
                    ChannelOperatorFacts.PROBE_TIMEOUT,
                    clock),
                clock),
            dispatcher(outboundSettings),
            clock,
            Thread::sleep,
            warn);
    runner.pairing(
        dev.tau.channels.pairing.PairingRequests.defaults(
            dev.tau.channels.access.SecurityPaths.securityDir(stateDir), clock));
    return runner;
  }

  private static OutboundDispatcher dispatcher(OutboundSettings settings) {
    try {
      return OutboundDispatchers.create(settings, OutboundDispatchers.httpClient(settings));
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
