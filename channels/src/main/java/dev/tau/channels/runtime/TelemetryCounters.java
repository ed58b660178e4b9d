package dev.tau.channels.runtime;

import dev.tau.core.json.Json;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cumulative telemetry counters of {@code state.json} (tau-spec §5.12): typing and presence
 * lines written, and the usage summary of delivered responses, in total and per transport. Mutable;
 * one runner cycle owns it.
 */
public final class TelemetryCounters {
  private static final String[] TOTALS = {
    "typing_events_emitted",
    "presence_events_emitted",
    "usage_summary_records",
    "usage_response_chars",
    "usage_chunks",
    "usage_estimated_cost_micros"
  };
  private static final String[] BY_TRANSPORT = {
    "typing_events_by_transport",
    "presence_events_by_transport",
    "usage_summary_records_by_transport",
    "usage_response_chars_by_transport",
    "usage_chunks_by_transport",
    "usage_estimated_cost_micros_by_transport"
  };

  private final long[] totals = new long[TOTALS.length];
  private final java.util.List<Map<String, Long>> byTransport =
      java.util.stream.Stream.<Map<String, Long>>generate(TreeMap::new)
          .limit(BY_TRANSPORT.length)
          .toList();

  private void add(int index, String transport, long amount) {
    totals[index] += amount;
    byTransport.get(index).merge(transport, amount, Long::sum);
  }

  public void typing(String transport) {
    add(0, transport, 1);
  }

  public void presence(String transport) {
    add(1, transport, 1);
  }

  /** One delivered response: its characters, chunks and estimated cost. */
  public void usage(String transport, long chars, long chunks, long costMicros) {
    add(2, transport, 1);
    add(3, transport, chars);
    add(4, transport, chunks);
    add(5, transport, costMicros);
  }

  public long typingEvents() {
    return totals[0];
  }

  public long presenceEvents() {
    return totals[1];
  }

  public long usageRecords() {
    return totals[2];
  }

  public long usageChars() {
    return totals[3];
  }

  public long usageChunks() {
    return totals[4];
  }

  public long usageCostMicros() {
    return totals[5];
  }

  /** The difference {@code this - before}, per total (for one cycle's report). */
  public long[] since(TelemetryCounters before) {
    long[] out = new long[totals.length];
    for (int i = 0; i < totals.length; i++) {
      out[i] = totals[i] - before.totals[i];
    }
    return out;
  }

  public TelemetryCounters copy() {
    TelemetryCounters c = new TelemetryCounters();
    System.arraycopy(totals, 0, c.totals, 0, totals.length);
    for (int i = 0; i < BY_TRANSPORT.length; i++) {
      c.byTransport.get(i).putAll(byTransport.get(i));
    }
    return c;
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    for (int i = 0; i < TOTALS.length; i++) {
      node.put(TOTALS[i], totals[i]);
    }
    for (int i = 0; i < BY_TRANSPORT.length; i++) {
      ObjectNode map = node.putObject(BY_TRANSPORT[i]);
      byTransport.get(i).forEach(map::put);
    }
    return node;
  }

  /** Reads persisted counters; absent or malformed values read as 0. */
  public static TelemetryCounters fromJson(JsonNode node) {
    TelemetryCounters c = new TelemetryCounters();
    for (int i = 0; i < TOTALS.length; i++) {
      c.totals[i] = Math.max(0, Json.number(node, TOTALS[i], 0));
    }
    for (int i = 0; i < BY_TRANSPORT.length; i++) {
      JsonNode map = node.path(BY_TRANSPORT[i]);
      if (map.isObject()) {
        Map<String, Long> target = c.byTransport.get(i);
        map.properties()
            .forEach(
                e -> {
                  if (e.getValue().isIntegralNumber()) {
                    target.put(e.getKey(), e.getValue().asLong());
                  }
                });
      }
    }
    return c;
  }
}
