package dev.tau.channels.runtime;

import dev.tau.channels.Transport;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private final Map<Transport, InboxCursor> cursors = new EnumMap<>(Transport.class);
  private final Map<String, Integer> failedCycles = new LinkedHashMap<>();
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
    for (Transport transport : Transport.values()) {
      JsonNode c = root.path("inbox_cursors").path(transport.wire());
      long offset = Json.number(c, "offset", -1);
      long line = Json.number(c, "line", -1);
      if (c.isObject() && offset >= 0 && line >= 0) {
        state.cursors.put(transport, new InboxCursor(Json.text(c, "file_id", ""), offset, line));
      }
    }
    for (var entry : root.path("failed_event_cycles").properties()) {
      int cycles = entry.getValue().asInt(0);
      if (cycles > 0 && !entry.getKey().isBlank()) {
        state.failedCycles.put(entry.getKey(), cycles);
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

  /** Keeps only the newest {@code cap} keys (and at most {@code cap} failure counts). */
  public void trim(int cap) {
    while (processed.size() > cap) {
      processed.removeFirst();
    }
    var oldest = failedCycles.keySet().iterator();
    while (failedCycles.size() > cap && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * How far the runner has read one inbox file: every complete line before {@code offset} is done
   * (processed, failed for good, or not an event), so the next cycle starts reading there.
   *
   * @param fileId the file's identity (inode) when the cursor was saved; another file starts at 0
   * @param line the number of the last line before {@code offset}
   */
  public record InboxCursor(String fileId, long offset, long line) {
    public static final InboxCursor START = new InboxCursor("", 0, 0);
  }

  /** The saved cursor of one transport's inbox file, if any. */
  public InboxCursor cursor(Transport transport) {
    return cursors.getOrDefault(transport, InboxCursor.START);
  }

  public void cursor(Transport transport, InboxCursor value) {
    cursors.put(transport, value);
  }

  /** Cycles in which the event failed without being done. */
  public int failedCycles(String eventKey) {
    return failedCycles.getOrDefault(eventKey, 0);
  }

  /** Counts one more failed cycle for the event and returns the new count. */
  public int countFailedCycle(String eventKey) {
    int cycles = failedCycles.getOrDefault(eventKey, 0) + 1;
    failedCycles.remove(eventKey);
    failedCycles.put(eventKey, cycles);
    return cycles;
  }

  /** Forgets the failure count of an event that is done. */
  public void clearFailedCycles(String eventKey) {
    failedCycles.remove(eventKey);
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
    ObjectNode c = root.putObject("inbox_cursors");
    cursors.forEach(
        (transport, cursor) ->
            c.putObject(transport.wire())
                .put("file_id", cursor.fileId())
                .put("offset", cursor.offset())
                .put("line", cursor.line()));
    ObjectNode f = root.putObject("failed_event_cycles");
    failedCycles.forEach(f::put);
    root.set("health", health.toJson());
    root.set("telemetry", telemetry.toJson());
    root.set("telemetry_policy", telemetryPolicy.toJson());
    root.set("media_policy", mediaPolicy.toJson());
    return root;
  }

  /** Writes {@code state.json} atomically (temp file, fsync, rename). */
  public void save(Path stateDir, TelemetryPolicy telemetryPolicy, MediaPolicy mediaPolicy) {
    try {
      AtomicFiles.writeOwnerOnly(
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
