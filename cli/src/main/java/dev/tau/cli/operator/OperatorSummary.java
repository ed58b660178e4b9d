package dev.tau.cli.operator;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.session.StoreException;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.gateway.service.ServiceStatus;
import dev.tau.gateway.status.EventsPosture;
import dev.tau.gateway.status.EventsReasonCode;
import dev.tau.gateway.status.EventsReport;
import dev.tau.gateway.status.StateFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Builds the operator control summary (tau-spec §3.3) from local state files: a pure function of
 * the files under the {@code .tau} root and the clock, so every row of its tables is unit-tested.
 *
 * <p>Aggregation: the overall health is the worst part; the gate holds when any part holds; {@code
 * reason_codes} are {@code <part>:<reason_code>} of each holding part (or {@code
 * all_checks_passing}); {@code recommendations} are those of the holding parts (or {@code
 * no_immediate_action_required}).
 */
public final class OperatorSummary {
  static final String REPAIR_STATE =
      "bootstrap or repair component state, then rerun operator summary";
  static final String START_GATEWAY =
      "start gateway service mode or clear stop reason before resuming traffic";
  static final String NO_ACTION = "no_immediate_action_required";

  private OperatorSummary() {}

  /**
   * Where the summary reads.
   *
   * @param tauRoot the {@code .tau} directory; components live in {@code <tauRoot>/<component>}
   * @param gatewayStateDir the gateway state directory ({@code --gateway-state-dir})
   * @param deploymentStateDir the deployment runner's state directory ({@code
   *     --deployment-state-dir})
   * @param releaseChannelFile {@code .tau/release-channel.json}
   */
  public record Locations(
      Path tauRoot, Path gatewayStateDir, Path deploymentStateDir, Path releaseChannelFile) {
    public Locations {
      Objects.requireNonNull(tauRoot, "tauRoot");
      Objects.requireNonNull(gatewayStateDir, "gatewayStateDir");
      Objects.requireNonNull(deploymentStateDir, "deploymentStateDir");
      Objects.requireNonNull(releaseChannelFile, "releaseChannelFile");
    }

    /** The defaults relative to {@code workingDir}, with the given gateway state directory. */
    public static Locations under(Path workingDir, Path gatewayStateDir) {
      return under(workingDir, gatewayStateDir, workingDir.resolve(".tau").resolve("deployment"));
    }

    /** The defaults relative to {@code workingDir}, with the given gateway and deployment dirs. */
    public static Locations under(Path workingDir, Path gatewayStateDir, Path deploymentStateDir) {
      Path root = workingDir.resolve(".tau");
      return new Locations(
          root, gatewayStateDir, deploymentStateDir, root.resolve("release-channel.json"));
    }

    Path stateDir(OperatorComponent component) {
      return switch (component) {
        case GATEWAY -> gatewayStateDir;
        case DEPLOYMENT -> deploymentStateDir;
        default -> tauRoot.resolve(component.wire());
      };
    }
  }

  public static OperatorSummaryReport build(Locations where, Clock clock) {
    long now = clock.millis();
    List<OperatorSummaryReport.Component> components = new ArrayList<>();
    for (OperatorComponent component : OperatorComponent.values()) {
      components.add(
          switch (component) {
            case EVENTS -> events(where.stateDir(component), now);
            case GATEWAY -> gateway(where.stateDir(component), clock);
            default -> runner(component, where.stateDir(component));
          });
    }
    OperatorSummaryReport.Daemon daemon = daemon(where.tauRoot().resolve("daemon"));
    OperatorSummaryReport.ReleaseChannel release = releaseChannel(where.releaseChannelFile());

    HealthState health = daemon.healthState().worst(release.healthState());
    Set<String> codes = new LinkedHashSet<>();
    Set<String> recommendations = new LinkedHashSet<>();
    for (OperatorSummaryReport.Component c : components) {
      health = health.worst(c.healthState());
      if (c.rolloutGate() == RolloutGate.HOLD) {
        codes.add(c.component() + ":" + c.reasonCode());
        recommendations.add(c.recommendation());
      }
    }
    if (daemon.rolloutGate() == RolloutGate.HOLD) {
      codes.add("daemon:" + daemon.reasonCode().wire());
      recommendations.add(daemon.recommendation());
    }
    if (release.rolloutGate() == RolloutGate.HOLD) {
      codes.add("release-channel:" + release.reasonCode().wire());
      recommendations.add(release.recommendation());
    }
    RolloutGate gate = codes.isEmpty() ? RolloutGate.PASS : RolloutGate.HOLD;
    if (codes.isEmpty()) {
      codes.add(OperatorReasonCode.ALL_CHECKS_PASSING.wire());
      recommendations.add(NO_ACTION);
    }
    return new OperatorSummaryReport(
        now,
        health,
        gate,
        List.copyOf(codes),
        List.copyOf(recommendations),
        daemon,
        release,
        components);
  }

  /** A runner component: §1.1 health from state.json, reason from its last cycle line. */
  static OperatorSummaryReport.Component runner(OperatorComponent component, Path dir) {
    Path statePath = dir.resolve("state.json");
    if (!(StateFiles.readObject(statePath) instanceof StateFiles.Read.Loaded loaded)) {
      return unavailable(component, statePath);
    }
    TransportHealth health = TransportHealth.fromJson(loaded.json().path("health"));
    TransportHealth.Classification c = health.classify();
    String reason = lastReasonCode(dir.resolve("runtime-events.jsonl"));
    return new OperatorSummaryReport.Component(
        component.wire(),
        c.state(),
        c.reason(),
        c.state().gate(),
        reason != null ? reason : component.fallback().wire(),
        c.recommendation(),
        health.queueDepth(),
        health.failureStreak(),
        statePath.toString());
  }

  /** The gateway: §1.1 health, and the service's rollout gate and reason (§2.12). */
  static OperatorSummaryReport.Component gateway(Path dir, Clock clock) {
    Path statePath = dir.resolve("state.json");
    if (!(StateFiles.readObject(statePath) instanceof StateFiles.Read.Loaded)) {
      return unavailable(OperatorComponent.GATEWAY, statePath);
    }
    ServiceReport report;
    try {
      report = new GatewayStateFile(dir, clock).report();
    } catch (StoreException e) {
      return unavailable(OperatorComponent.GATEWAY, statePath);
    }
    TransportHealth.Classification c = report.health().classify();
    String recommendation =
        report.serviceStatus() == ServiceStatus.STOPPED
            ? START_GATEWAY
            : report.rolloutGate() == RolloutGate.HOLD
                ? "inspect the gateway guardrail (bin/tau --gateway-service-status) and the"
                    + " gateway runner state before resuming traffic"
                : c.recommendation();
    return new OperatorSummaryReport.Component(
        OperatorComponent.GATEWAY.wire(),
        c.state(),
        c.reason(),
        report.rolloutGate(),
        report.rolloutReasonCode(),
        recommendation,
        report.health().queueDepth(),
        report.health().failureStreak(),
        statePath.toString());
  }

  /** The routine scheduler, judged by the same rules as the gateway's events block. */
  static OperatorSummaryReport.Component events(Path dir, long now) {
    EventsReport r = EventsPosture.evaluate(dir, now);
    String reason =
        r.reasonCode() == EventsReasonCode.EVENTS_MALFORMED_DEFINITIONS
            ? OperatorReasonCode.EVENTS_DEFINITION_INVALID.wire()
            : r.reasonCode().wire();
    String recommendation =
        switch (r.reasonCode()) {
          case EVENTS_MALFORMED_DEFINITIONS ->
              "fix or remove the malformed event definitions under " + dir;
          case EVENTS_RECENT_FAILURES ->
              "inspect the failed executions in " + r.statePath() + " and the event channels";
          case EVENTS_STATE_READ_FAILED, EVENTS_STATE_PARSE_FAILED ->
              "repair or remove " + r.statePath() + ", then rerun operator summary";
          case EVENTS_DIR_READ_FAILED ->
              "make " + dir + " a readable directory of event definitions";
          default -> "no immediate action required";
        };
    return new OperatorSummaryReport.Component(
        OperatorComponent.EVENTS.wire(),
        r.healthState(),
        r.healthReason(),
        r.rolloutGate(),
        reason,
        recommendation,
        r.queuedNowEvents(),
        r.failedHistoryEntries(),
        r.statePath());
  }

  static OperatorSummaryReport.Daemon daemon(Path dir) {
    Path statePath = dir.resolve("state.json");
    return switch (StateFiles.readObject(statePath)) {
      case StateFiles.Read.Missing m ->
          new OperatorSummaryReport.Daemon(
              HealthState.DEGRADED,
              RolloutGate.HOLD,
              OperatorReasonCode.DAEMON_NOT_INSTALLED,
              "install the Tau daemon, or expect this hold on hosts that run the gateway another"
                  + " way",
              "none",
              false,
              false,
              0,
              0,
              List.of("daemon_state_missing:" + statePath),
              statePath.toString());
      case StateFiles.Read.ReadFailed f -> daemonUnavailable(statePath, f.message());
      case StateFiles.Read.ParseFailed f -> daemonUnavailable(statePath, f.message());
      case StateFiles.Read.Loaded l -> {
        JsonNode s = l.json();
        boolean installed = s.path("installed").asBoolean(true);
        boolean running = s.path("running").asBoolean(false);
        HealthState state = running ? HealthState.HEALTHY : HealthState.DEGRADED;
        OperatorReasonCode code =
            running
                ? OperatorReasonCode.DAEMON_RUNNING
                : installed
                    ? OperatorReasonCode.DAEMON_NOT_RUNNING
                    : OperatorReasonCode.DAEMON_NOT_INSTALLED;
        String recommendation =
            switch (code) {
              case DAEMON_RUNNING -> "no immediate action required";
              case DAEMON_NOT_RUNNING -> "start the Tau daemon";
              default -> "install the Tau daemon";
            };
        yield new OperatorSummaryReport.Daemon(
            state,
            state.gate(),
            code,
            recommendation,
            Json.text(s, "profile", "none"),
            installed,
            running,
            Json.number(s, "start_attempts", 0),
            Json.number(s, "stop_attempts", 0),
            List.of(),
            statePath.toString());
      }
    };
  }

  private static OperatorSummaryReport.Daemon daemonUnavailable(Path statePath, String problem) {
    return new OperatorSummaryReport.Daemon(
        HealthState.FAILING,
        RolloutGate.HOLD,
        OperatorReasonCode.DAEMON_STATUS_UNAVAILABLE,
        "repair or remove " + statePath + ", then rerun operator summary",
        "none",
        false,
        false,
        0,
        0,
        List.of("daemon_status_unavailable:" + statePath + ": " + problem),
        statePath.toString());
  }

  static OperatorSummaryReport.ReleaseChannel releaseChannel(Path file) {
    return switch (StateFiles.readObject(file)) {
      case StateFiles.Read.Missing m ->
          new OperatorSummaryReport.ReleaseChannel(
              HealthState.DEGRADED,
              RolloutGate.HOLD,
              OperatorReasonCode.RELEASE_CHANNEL_MISSING,
              "choose a release channel in " + file + " ({\"channel\":\"stable\"})",
              false,
              "none",
              file.toString());
      case StateFiles.Read.ReadFailed f -> releaseFailed(file);
      case StateFiles.Read.ParseFailed f -> releaseFailed(file);
      case StateFiles.Read.Loaded l -> {
        String channel = Json.text(l.json(), "channel", "").strip();
        yield channel.isEmpty()
            ? releaseFailed(file)
            : new OperatorSummaryReport.ReleaseChannel(
                HealthState.HEALTHY,
                RolloutGate.PASS,
                OperatorReasonCode.RELEASE_CHANNEL_LOADED,
                "no immediate action required",
                true,
                channel,
                file.toString());
      }
    };
  }

  private static OperatorSummaryReport.ReleaseChannel releaseFailed(Path file) {
    return new OperatorSummaryReport.ReleaseChannel(
        HealthState.FAILING,
        RolloutGate.HOLD,
        OperatorReasonCode.RELEASE_CHANNEL_LOAD_FAILED,
        "fix " + file + ": it must be a JSON object with a non-empty \"channel\"",
        false,
        "none",
        file.toString());
  }

  private static OperatorSummaryReport.Component unavailable(
      OperatorComponent component, Path statePath) {
    return new OperatorSummaryReport.Component(
        component.wire(),
        HealthState.FAILING,
        "component state " + statePath + " is missing or unreadable",
        RolloutGate.HOLD,
        OperatorReasonCode.STATE_UNAVAILABLE.wire(),
        REPAIR_STATE,
        0,
        0,
        statePath.toString());
  }

  /** The last non-empty reason code of the last cycle line, or null. */
  static String lastReasonCode(Path eventsLog) {
    JsonNode last = StateFiles.readLines(eventsLog).last();
    if (last == null) {
      return null;
    }
    String found = null;
    for (JsonNode code : last.path("reason_codes")) {
      if (code.isString() && !code.asString().isBlank()) {
        found = code.asString().strip();
      }
    }
    return found;
  }
}
