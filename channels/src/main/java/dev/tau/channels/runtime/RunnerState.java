package dev.tau.channels.runtime;

import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multi-channel {@code state.json} (tau-spec §5.12): processed event keys (oldest first, at
 * most the cap), the health snapshot (§1.1), the cumulative telemetry counters, and the policies of
 * the last cycle. Written atomically.
 */
public final class RunnerState {
  public static final String FILE_NAME = "state.json";
  public static final int SCHEMA_VERSION = 1;

  private final SequencedSet<String> processed = new LinkedHashSet<>();
  private TransportHealth health = TransportHealth.EMPTY;
  private TelemetryCounters telemetry = new TelemetryCounters();

  /** The state file of a state directory. */
  public static Path file(Path stateDir) {
    return stateDir.resolve(FILE_NAME);
  }

  /**
   * Loads {@code <stateDir>/state.json}: missing → a fresh state; unreadable, unparsable or another
   * schema → a fresh state and a "starting fresh" warning.
   */
  public static RunnerState load(Path stateDir, Consumer<String> warn) {
    Path file = file(stateDir);
    RunnerState state = new RunnerState();
    if (!Files.exists(file)) {
      return state;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readString(file));
    } catch (IOException | JacksonException | UncheckedIOException e) {
      warn.accept(
          "multi-channel state " + file + " is unreadable; starting fresh: " + e.getMessage());
      return state;
    }
    if (root == null
        || !root.isObject()
        || Json.number(root, "schema_version", -1) != SCHEMA_VERSION) {
      warn.accept(
          "multi-channel state " + file + " is not a schema_version 1 object; starting fresh");
      return state;
    }
    for (JsonNode key : root.path("processed_event_keys")) {
      if (key.isString() && !key.asString().isBlank()) {
        state.processed.add(key.asString().strip());
      }
    }
    state.health = TransportHealth.fromJson(root.path("health"));
    state.telemetry = TelemetryCounters.fromJson(root.path("telemetry"));
    return state;
  }

  public boolean isProcessed(String eventKey) {
    return processed.contains(eventKey);
  }

  /** Marks a key processed (moving it to the newest end). */
  public void markProcessed(String eventKey) {
    processed.remove(eventKey);
    processed.add(eventKey);
  }

  /** Keeps only the newest {@code cap} keys. */
  public void trim(int cap) {
    while (processed.size() > cap) {
      processed.removeFirst();
    }
  }

  public List<String> processedKeys() {
    return new ArrayList<>(processed);
  }

  public TransportHealth health() {
    return health;
  }

  public void health(TransportHealth value) {
    this.health = value;
  }

  public TelemetryCounters telemetry() {
    return telemetry;
  }

  public ObjectNode toJson(TelemetryPolicy telemetryPolicy, MediaPolicy mediaPolicy) {
    ObjectNode root = Json.object();
    root.put("schema_version", SCHEMA_VERSION);
    var keys = root.putArray("processed_event_keys");
    processed.forEach(keys::add);
    root.set("health", health.toJson());
    root.set("telemetry", telemetry.toJson());
    root.set("telemetry_policy", telemetryPolicy.toJson());
    root.set("media_policy", mediaPolicy.toJson());
    return root;
  }

  /** Writes {@code state.json} atomically (temp file, fsync, rename). */
  public void save(Path stateDir, TelemetryPolicy telemetryPolicy, MediaPolicy mediaPolicy) {
    try {
      AtomicFiles.write(
          file(stateDir),
          Json.mapper()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(toJson(telemetryPolicy, mediaPolicy))
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(stateDir), e);
    }
  }
}
