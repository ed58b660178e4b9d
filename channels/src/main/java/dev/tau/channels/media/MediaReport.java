package dev.tau.channels.media;

import dev.tau.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code media_understanding} payload of one event (tau-spec §5.11): one outcome per attachment
 * in the event's order, with counts per decision and reason code.
 */
public record MediaReport(List<MediaOutcome> outcomes) {

  public MediaReport {
    outcomes = List.copyOf(outcomes);
  }

  public long count(MediaDecision decision) {
    return outcomes.stream().filter(o -> o.decision() == decision).count();
  }

  public long truncatedSummaries() {
    return outcomes.stream().filter(MediaOutcome::truncated).count();
  }

  /** Reason code → count, sorted by code. */
  public Map<String, Long> reasonCodeCounts() {
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach(o -> counts.merge(o.reason().wire(), 1L, Long::sum));
    return counts;
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("processed", count(MediaDecision.PROCESSED));
    node.put("skipped", count(MediaDecision.SKIPPED));
    node.put("failed", count(MediaDecision.FAILED));
    node.put("truncated_summaries", truncatedSummaries());
    var list = node.putArray("outcomes");
    outcomes.forEach(o -> list.add(o.toJson()));
    ObjectNode counts = node.putObject("reason_code_counts");
    reasonCodeCounts().forEach(counts::put);
    return node;
  }

  /**
   * Reads a report written by {@link #toJson()} (the runner re-reads it from the inbound line after
   * a restart instead of downloading again).
   *
   * @throws IllegalArgumentException when the node is not such a report
   */
  public static MediaReport fromJson(JsonNode node) {
    if (!node.path("outcomes").isArray()) {
      throw new IllegalArgumentException("media_understanding has no outcomes array");
    }
    return new MediaReport(
        node.path("outcomes").valueStream().map(MediaOutcome::fromJson).toList());
  }

  /**
   * What the agent reads (and the context log keeps): {@code Media understanding outcomes:} and one
   * line per attachment; empty when there are no outcomes.
   */
  public String promptBlock() {
    if (outcomes.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("Media understanding outcomes:");
    outcomes.forEach(o -> text.append('\n').append(o.promptLine()));
    return text.toString();
  }
}
