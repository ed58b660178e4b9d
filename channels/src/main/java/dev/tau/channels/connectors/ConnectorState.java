package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connector state file (tau-spec §5.14): processed event keys (capped, oldest dropped first),
 * the Telegram update offset, the last Discord message id per channel, and one {@link ChannelState}
 * per transport. Written atomically (temp file, fsync, rename). Mutable; the runtime guards it with
 * its lock.
 */
final class ConnectorState {
  static final int SCHEMA_VERSION = 1;

  private final int processedCap;
  private final Deque<String> processedOrder = new ArrayDeque<>();
  private final Set<String> processed = new HashSet<>();
  long telegramNextUpdateOffset;
  final Map<String, String> discordLastMessageIds = new TreeMap<>();
  final Map<Transport, ChannelState> channels = new EnumMap<>(Transport.class);

  private ConnectorState(int processedCap) {
    this.processedCap = processedCap;
  }

  /**
   * Loads the file (missing → empty state) and applies this run's modes to every channel.
   *
   * @throws ConnectorStateException when the file exists but is not a connector state
   */
  static ConnectorState load(Path file, ConnectorsConfig config) {
    ChannelState.BreakerPolicy policy =
        ChannelState.BreakerPolicy.of(config.retryMaxAttempts(), config.retryBaseDelayMs());
    ConnectorState state = new ConnectorState(config.processedEventCap());
    JsonNode root = readRoot(file);
    if (root != null) {
      try {
        for (JsonNode key : root.path("processed_event_keys")) {
          if (key.isString()) {
            state.markProcessed(key.asString());
          }
        }
        state.telegramNextUpdateOffset = Json.number(root, "telegram_next_update_offset", 0);
        for (Map.Entry<String, JsonNode> e : root.path("discord_last_message_ids").properties()) {
          if (e.getValue().isString()) {
            state.discordLastMessageIds.put(e.getKey(), e.getValue().asString());
          }
        }
        for (Transport t : Transport.values()) {
          JsonNode entry = root.path("channels").get(t.wire());
          if (entry != null && entry.isObject()) {
            state.channels.put(t, ChannelState.fromJson(entry, policy));
          }
        }
      } catch (IllegalArgumentException e) {
        throw new ConnectorStateException(
            "connector state " + file + " is invalid: " + e.getMessage(), e);
      }
    }
    for (Transport t : Transport.values()) {
      IngressMode mode = config.mode(t);
      ChannelState channel = state.channels.get(t);
      if (channel == null) {
        state.channels.put(t, new ChannelState(mode, policy));
      } else {
        channel.reinitialise(mode);
      }
    }
    return state;
  }

  /**
   * The file's JSON object, or null when it does not exist.
   *
   * @throws ConnectorStateException when it cannot be read, is not JSON or has another schema
   */
  static JsonNode readRoot(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new ConnectorStateException("cannot read connector state " + file + ": " + e, e);
    }
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConnectorStateException(
          "connector state " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConnectorStateException("connector state " + file + " must be a JSON object");
    }
    long version = Json.number(root, "schema_version", -1);
    if (version != SCHEMA_VERSION) {
      throw new ConnectorStateException(
          "connector state "
              + file
              + " has unsupported schema_version "
              + root.path("schema_version")
              + " (expected 1)");
    }
    return root;
  }

  ChannelState channel(Transport transport) {
    return channels.get(transport);
  }

  boolean isProcessed(String eventKey) {
    return processed.contains(eventKey);
  }

  void markProcessed(String eventKey) {
    if (processed.add(eventKey)) {
      processedOrder.addLast(eventKey);
      while (processedOrder.size() > processedCap) {
        processed.remove(processedOrder.removeFirst());
      }
    }
  }

  int processedCount() {
    return processedOrder.size();
  }

  ObjectNode toJson(long nowMs) {
    ObjectNode root = Json.object();
    root.put("schema_version", SCHEMA_VERSION);
    ArrayNode keys = root.putArray("processed_event_keys");
    processedOrder.forEach(keys::add);
    root.put("telegram_next_update_offset", telegramNextUpdateOffset);
    ObjectNode discord = root.putObject("discord_last_message_ids");
    discordLastMessageIds.forEach(discord::put);
    ObjectNode channelsNode = root.putObject("channels");
    channels.forEach((t, c) -> channelsNode.set(t.wire(), c.toJson(nowMs)));
    return root;
  }

  /**
   * Writes the file atomically.
   *
   * @throws ConnectorStateException when it cannot be written
   */
  void save(Path file, long nowMs) {
    try {
      AtomicFiles.writeOwnerOnly(
          file,
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(nowMs)) + "\n");
    } catch (IOException e) {
      throw new ConnectorStateException("cannot write connector state " + file + ": " + e, e);
    }
  }
}
