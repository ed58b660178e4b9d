package dev.tau.channels.lifecycle;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The report of one lifecycle action (tau-spec §5.15), as JSON or the one-line text form. */
public record LifecycleReport(
    LifecycleAction action,
    Transport channel,
    String lifecycleStatus,
    String readinessStatus,
    List<String> reasonCodes,
    List<String> remediationHints,
    String probeMode,
    String onlineProbeStatus,
    List<String> onlineProbeReasonCodes,
    Path ingressFile,
    boolean ingressExists,
    boolean ingressIsFile,
    String tokenSource,
    String phoneNumberSource,
    Path statePath,
    boolean statePersisted,
    long updatedUnixMs) {

  public LifecycleReport {
    reasonCodes = List.copyOf(reasonCodes);
    remediationHints = List.copyOf(remediationHints);
    onlineProbeReasonCodes = List.copyOf(onlineProbeReasonCodes);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("action", action.wire());
    node.put("channel", channel.wire());
    node.put("probe_mode", probeMode);
    node.put("lifecycle_status", lifecycleStatus);
    node.put("readiness_status", readinessStatus);
    reasonCodes.forEach(node.putArray("reason_codes")::add);
    node.put("online_probe_status", onlineProbeStatus);
    onlineProbeReasonCodes.forEach(node.putArray("online_probe_reason_codes")::add);
    remediationHints.forEach(node.putArray("remediation_hints")::add);
    node.put("ingress_file", ingressFile.toString());
    node.put("ingress_exists", ingressExists);
    node.put("ingress_is_file", ingressIsFile);
    node.put("token_source", tokenSource);
    node.put("phone_number_source", phoneNumberSource);
    node.put("state_path", statePath.toString());
    node.put("state_persisted", statePersisted);
    node.put("updated_unix_ms", updatedUnixMs);
    return node;
  }

  /** {@code multi-channel lifecycle: action=… channel=… …} on one line. */
  public String toLine() {
    return "multi-channel lifecycle: action="
        + action.wire()
        + " channel="
        + channel.wire()
        + " probe_mode="
        + probeMode
        + " lifecycle_status="
        + lifecycleStatus
        + " readiness_status="
        + readinessStatus
        + " reason_codes="
        + list(reasonCodes, ",")
        + " online_probe_status="
        + onlineProbeStatus
        + " online_probe_reason_codes="
        + list(onlineProbeReasonCodes, ",")
        + " remediation_hints="
        + list(remediationHints, " | ")
        + " ingress_file="
        + ingressFile
        + " ingress_exists="
        + ingressExists
        + " ingress_is_file="
        + ingressIsFile
        + " token_source="
        + tokenSource
        + " phone_number_source="
        + phoneNumberSource
        + " state_path="
        + statePath
        + " state_persisted="
        + statePersisted
        + " updated_unix_ms="
        + updatedUnixMs;
  }

  private static String list(List<String> items, String separator) {
    return items.isEmpty() ? "none" : String.join(separator, items);
  }
}
