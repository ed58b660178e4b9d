package dev.tau.gateway.cortex;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * What a read of the observer log found: whether the file is there, its valid and invalid lines,
 * the newest timestamp, counts per event type, the latest records and line diagnostics.
 *
 * @param file whether the file exists and could be read
 * @param path the log file
 * @param totalEvents valid records
 * @param invalidEvents lines that are not JSON objects or lack an {@code event_type}
 * @param lastEventUnixMs the newest {@code timestamp_unix_ms}, empty when no record has one
 * @param eventTypeCounts valid records per (trimmed) event type
 * @param recentEvents the last {@link CortexObserverLog#RECENT_EVENTS} valid records
 * @param diagnostics problems found, each prefixed with a stable token
 */
public record ObserverScan(
    FileState file,
    String path,
    long totalEvents,
    long invalidEvents,
    OptionalLong lastEventUnixMs,
    Map<String, Long> eventTypeCounts,
    List<JsonNode> recentEvents,
    List<String> diagnostics) {

  /** Whether the log could be read. */
  public enum FileState {
    MISSING,
    READ_FAILED,
    PRESENT
  }

  public ObserverScan {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lastEventUnixMs, "lastEventUnixMs");
    eventTypeCounts = Map.copyOf(eventTypeCounts);
    recentEvents = List.copyOf(recentEvents);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Records of {@code type} seen. */
  public long count(ObserverEventType type) {
    return eventTypeCounts.getOrDefault(type.wire(), 0L);
  }
}
