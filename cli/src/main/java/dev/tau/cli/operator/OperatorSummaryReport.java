package dev.tau.cli.operator;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.json.Json;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator control summary (tau-spec §3.3): an overall posture aggregated over the components,
 * the daemon and the release channel. {@link #toJson()} is the stable {@code
 * --operator-control-summary-json} form the readiness script reads.
 */
public record OperatorSummaryReport(
    long generatedUnixMs,
    HealthState healthState,
    RolloutGate rolloutGate,
    List<String> reasonCodes,
    List<String> recommendations,
    Daemon daemon,
    ReleaseChannel releaseChannel,
    List<Component> components) {

  public OperatorSummaryReport {
    Objects.requireNonNull(healthState, "healthState");
    Objects.requireNonNull(rolloutGate, "rolloutGate");
    reasonCodes = List.copyOf(reasonCodes);
    recommendations = List.copyOf(recommendations);
    Objects.requireNonNull(daemon, "daemon");
    Objects.requireNonNull(releaseChannel, "releaseChannel");
    components = List.copyOf(components);
  }

  /** One component's posture. */
  public record Component(
      String component,
      HealthState healthState,
      String healthReason,
      RolloutGate rolloutGate,
      String reasonCode,
      String recommendation,
      long queueDepth,
      long failureStreak,
      String statePath) {
    ObjectNode toJson() {
      ObjectNode n = Json.object();
      n.put("component", component);
      n.put("health_state", healthState.wire());
      n.put("health_reason", healthReason);
      n.put("rollout_gate", rolloutGate.wire());
      n.put("reason_code", reasonCode);
      n.put("recommendation", recommendation);
      n.put("queue_depth", queueDepth);
      n.put("failure_streak", failureStreak);
      n.put("state_path", statePath);
      return n;
    }
  }

  /** The background daemon's posture. */
  public record Daemon(
      HealthState healthState,
      RolloutGate rolloutGate,
      OperatorReasonCode reasonCode,
      String recommendation,
      String profile,
      boolean installed,
      boolean running,
      long startAttempts,
      long stopAttempts,
      List<String> diagnostics,
      String statePath) {
    public Daemon {
      diagnostics = List.copyOf(diagnostics);
    }

    ObjectNode toJson() {
      ObjectNode n = Json.object();
      n.put("health_state", healthState.wire());
      n.put("rollout_gate", rolloutGate.wire());
      n.put("reason_code", reasonCode.wire());
      n.put("recommendation", recommendation);
      n.put("profile", profile);
      n.put("installed", installed);
      n.put("running", running);
      n.put("start_attempts", startAttempts);
      n.put("stop_attempts", stopAttempts);
      ArrayNode d = n.putArray("diagnostics");
      diagnostics.forEach(d::add);
      n.put("state_path", statePath);
      return n;
    }
  }

  /** The release channel's posture. */
  public record ReleaseChannel(
      HealthState healthState,
      RolloutGate rolloutGate,
      OperatorReasonCode reasonCode,
      String recommendation,
      boolean configured,
      String channel,
      String path) {
    ObjectNode toJson() {
      ObjectNode n = Json.object();
      n.put("health_state", healthState.wire());
      n.put("rollout_gate", rolloutGate.wire());
      n.put("reason_code", reasonCode.wire());
      n.put("recommendation", recommendation);
      n.put("configured", configured);
      n.put("channel", channel);
      n.put("path", path);
      return n;
    }
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("generated_unix_ms", generatedUnixMs);
    n.put("health_state", healthState.wire());
    n.put("rollout_gate", rolloutGate.wire());
    ArrayNode codes = n.putArray("reason_codes");
    reasonCodes.forEach(codes::add);
    ArrayNode recs = n.putArray("recommendations");
    recommendations.forEach(recs::add);
    n.set("daemon", daemon.toJson());
    n.set("release_channel", releaseChannel.toJson());
    ArrayNode list = n.putArray("components");
    components.forEach(c -> list.add(c.toJson()));
    return n;
  }

  /** The human form: the verdict, then one line per part. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("operator control summary: health_state=")
        .append(healthState.wire())
        .append(" rollout_gate=")
        .append(rolloutGate.wire())
        .append(" reason_codes=")
        .append(String.join(",", reasonCodes))
        .append('\n');
    for (Component c : components) {
      b.append("  component=")
          .append(c.component())
          .append(" health_state=")
          .append(c.healthState().wire())
          .append(" rollout_gate=")
          .append(c.rolloutGate().wire())
          .append(" reason_code=")
          .append(c.reasonCode())
          .append(" queue_depth=")
          .append(c.queueDepth())
          .append(" failure_streak=")
          .append(c.failureStreak())
          .append('\n');
    }
    b.append("  daemon health_state=")
        .append(daemon.healthState().wire())
        .append(" rollout_gate=")
        .append(daemon.rolloutGate().wire())
        .append(" reason_code=")
        .append(daemon.reasonCode().wire())
        .append('\n');
    b.append("  release-channel health_state=")
        .append(releaseChannel.healthState().wire())
        .append(" rollout_gate=")
        .append(releaseChannel.rolloutGate().wire())
        .append(" reason_code=")
        .append(releaseChannel.reasonCode().wire())
        .append(" channel=")
        .append(releaseChannel.channel())
        .append('\n');
    for (String r : recommendations) {
      b.append("  recommendation: ").append(r).append('\n');
    }
    return b.toString();
  }
}
