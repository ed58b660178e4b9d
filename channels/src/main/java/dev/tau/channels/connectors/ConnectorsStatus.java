package dev.tau.channels.connectors;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --multi-channel-live-connectors-status} (tau-spec §5.14): a pure function of the state
 * file. A missing file is {@code state_present:false}; an unreadable one is an error.
 *
 * @param channels per channel name (sorted), the stored entry plus {@code guidance}
 */
public record ConnectorsStatus(
    Path statePath,
    boolean statePresent,
    int schemaVersion,
    int processedEventCount,
    Map<String, ObjectNode> channels) {

  public ConnectorsStatus {
    channels = Map.copyOf(channels);
  }

  /**
   * @throws ConnectorStateException when the file exists but is not a connector state
   */
  public static ConnectorsStatus read(Path statePath) {
    JsonNode root = ConnectorState.readRoot(statePath);
    if (root == null) {
      return new ConnectorsStatus(statePath, false, 0, 0, Map.of());
    }
    Map<String, ObjectNode> channels = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("channels").properties()) {
      if (e.getValue().isObject()) {
        ObjectNode channel = ((ObjectNode) e.getValue()).deepCopy();
        channel.put("guidance", guidance(channel));
        channels.put(e.getKey(), channel);
      }
    }
    return new ConnectorsStatus(
        statePath,
        true,
        (int) Json.number(root, "schema_version", 0),
        root.path("processed_event_keys").size(),
        channels);
  }

  /** What the operator should do about a channel. */
  static String guidance(JsonNode channel) {
    if ("open".equals(Json.text(channel, "breaker_state", ""))) {
      return "wait_for_breaker_recovery_until:"
          + Json.number(channel, "breaker_open_until_unix_ms", 0);
    }
    String liveness = Json.text(channel, "liveness", "");
    if (!Json.text(channel, "last_error_code", "").isEmpty()
        && (liveness.equals("degraded")
            || liveness.equals("recovering")
            || liveness.equals("open"))) {
      return "inspect_provider_errors_and_credentials";
    }
    return "none";
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("state_path", statePath.toString());
    node.put("state_present", statePresent);
    node.put("schema_version", schemaVersion);
    node.put("processed_event_count", processedEventCount);
    ObjectNode out = node.putObject("channels");
    new TreeMap<>(channels).forEach(out::set);
    return node;
  }

  /** The one-line text form. */
  public String render() {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(channels)
        .forEach(
            (name, c) ->
                parts.add(
                    name
                        + ":mode="
                        + Json.text(c, "mode", "")
                        + " liveness="
                        + Json.text(c, "liveness", "")
                        + " breaker_state="
                        + Json.text(c, "breaker_state", "")
                        + " retry_budget_remaining="
                        + Json.number(c, "retry_budget_remaining", 0)
                        + " breaker_open_until_unix_ms="
                        + Json.number(c, "breaker_open_until_unix_ms", 0)
                        + " breaker_last_open_reason="
                        + Json.text(c, "breaker_last_open_reason", "")
                        + " ingested="
                        + Json.number(c, "events_ingested", 0)
                        + " duplicates="
                        + Json.number(c, "duplicates_skipped", 0)
                        + " retries="
                        + Json.number(c, "retry_attempts", 0)
                        + " auth_failures="
                        + Json.number(c, "auth_failures", 0)
                        + " parse_failures="
                        + Json.number(c, "parse_failures", 0)
                        + " provider_failures="
                        + Json.number(c, "provider_failures", 0)
                        + " last_error_code="
                        + Json.text(c, "last_error_code", "")
                        + " guidance="
                        + Json.text(c, "guidance", "")));
    return "multi-channel live connectors status: state_path="
        + statePath
        + " state_present="
        + statePresent
        + " schema_version="
        + schemaVersion
        + " processed_event_count="
        + processedEventCount
        + " channels="
        + (parts.isEmpty() ? "none" : String.join(" | ", parts));
  }
}
