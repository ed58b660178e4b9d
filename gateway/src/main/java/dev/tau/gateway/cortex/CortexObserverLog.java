package dev.tau.gateway.cortex;

import dev.tau.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cortex observer log {@code <gateway-state-dir>/openresponses/cortex-observer-events.jsonl}:
 * one JSON line per operator-relevant gateway action, {@code
 * {"schema_version":1,"timestamp_unix_ms":…,"event_type":…,"metadata":{…}}} (tau-spec §2.9.1).
 *
 * <p>Append-only with one writer: share one instance per state directory. Each line is written with
 * a single append so readers never see half a record. The file is rotated like the other
 * append-only logs (tau-spec §0.2: {@code file} → {@code file.1} …) once it would exceed {@code
 * maxBytes}, so it cannot grow without bound.
 */
public final class CortexObserverLog {
  /** How many recent records the status shows. */
  public static final int RECENT_EVENTS = 32;

  /** Default rotation size (10 MiB) and number of files kept, as for the other logs. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  public static final int DEFAULT_MAX_FILES = 5;

  /** Line diagnostics beyond this many are summarised, so a corrupt file cannot flood status. */
  static final int MAX_LINE_DIAGNOSTICS = 20;

  private final Path path;
  private final Clock clock;
  private final long maxBytes;
  private final int maxFiles;

  public CortexObserverLog(Path path, Clock clock) {
    this(path, clock, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES);
  }

  public CortexObserverLog(Path path, Clock clock, long maxBytes, int maxFiles) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("observer log maxBytes must be at least 1");
    }
    this.path = path;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  /** The log's place under a gateway state directory. */
  public static Path defaultPath(Path stateDir) {
    return stateDir.resolve("openresponses").resolve("cortex-observer-events.jsonl");
  }

  public Path path() {
    return path;
  }

  /**
   * Appends one record stamped with the current time.
   *
   * @throws IOException when the log cannot be written
   */
  public synchronized void append(ObserverEventType type, ObjectNode metadata) throws IOException {
    ObjectNode record = Json.object();
    record.put("schema_version", 1);
    record.put("timestamp_unix_ms", clock.millis());
    record.put("event_type", type.wire());
    record.set("metadata", metadata == null ? Json.object() : metadata);
    byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(path.toAbsolutePath().getParent());
    rotateIfNeeded(line.length);
    try (FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private void rotateIfNeeded(long incoming) throws IOException {
    long size = Files.exists(path) ? Files.size(path) : 0;
    if (size == 0 || size + incoming <= maxBytes) {
      return;
    }
    if (maxFiles <= 1) {
      Files.delete(path);
      return;
    }
    for (int i = maxFiles - 1; i >= 1; i--) {
      Path from = i == 1 ? path : sibling(i - 1);
      if (Files.exists(from)) {
        Files.move(from, sibling(i), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private Path sibling(int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  /** Reads the log line by line (tau-spec §2.9.2 parsing rules). */
  public ObserverScan scan() {
    if (!Files.exists(path)) {
      return new ObserverScan(
          ObserverScan.FileState.MISSING,
          path.toString(),
          0,
          0,
          OptionalLong.empty(),
          Map.of(),
          List.of(),
          List.of("cortex_observer_events_missing:" + path));
    }
    long total = 0;
    long invalid = 0;
    long last = Long.MIN_VALUE;
    Map<String, Long> counts = new TreeMap<>();
    Deque<JsonNode> recent = new ArrayDeque<>();
    List<String> diagnostics = new ArrayList<>();
    long suppressed = 0;
    int lineNo = 0;
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.parse(line);
        } catch (IllegalArgumentException e) {
          node = null;
        }
        String problem = null;
        if (node == null || !node.isObject()) {
          problem = "cortex_observer_event_malformed_line:" + lineNo;
        } else if (Json.text(node, "event_type", "").isBlank()) {
          problem = "cortex_observer_event_type_missing_line:" + lineNo;
        }
        if (problem != null) {
          invalid++;
          if (diagnostics.size() < MAX_LINE_DIAGNOSTICS) {
            diagnostics.add(problem);
          } else {
            suppressed++;
          }
          continue;
        }
        ObjectNode record = (ObjectNode) node;
        String type = Json.text(record, "event_type", "").strip();
        record.put("event_type", type);
        total++;
        counts.merge(type, 1L, Long::sum);
        JsonNode ts = record.get("timestamp_unix_ms");
        if (ts != null && ts.isIntegralNumber() && ts.asLong() > 0) {
          last = Math.max(last, ts.asLong());
        }
        recent.addLast(record);
        if (recent.size() > RECENT_EVENTS) {
          recent.removeFirst();
        }
      }
    } catch (IOException | RuntimeException e) {
      return new ObserverScan(
          ObserverScan.FileState.READ_FAILED,
          path.toString(),
          0,
          0,
          OptionalLong.empty(),
          Map.of(),
          List.of(),
          List.of("cortex_observer_events_read_failed:" + path + ": " + e.getMessage()));
    }
    if (suppressed > 0) {
      diagnostics.add("cortex_observer_event_diagnostics_truncated:" + suppressed);
    }
    if (total == 0 && invalid == 0) {
      diagnostics.add("cortex_observer_events_empty:" + path);
    }
    return new ObserverScan(
        ObserverScan.FileState.PRESENT,
        path.toString(),
        total,
        invalid,
        last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last),
        counts,
        List.copyOf(recent),
        diagnostics);
  }
}
