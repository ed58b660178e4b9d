package dev.tau.gateway.ui;

import dev.tau.core.json.Json;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request counts and latencies per second over the last {@value #WINDOW_SECONDS} seconds, for the
 * dashboard's charts. A fixed ring of one bucket per second: a bucket is cleared when its slot
 * comes round again, so memory stays constant however long the gateway runs. Thread-safe; {@link
 * #record} is a few array writes under a lock.
 */
public final class RequestStats {
  /** How many seconds the ring covers. */
  public static final int WINDOW_SECONDS = 60;

  private final Clock clock;
  private final long[] second = new long[WINDOW_SECONDS];
  private final long[] requests = new long[WINDOW_SECONDS];
  private final long[] clientErrors = new long[WINDOW_SECONDS];
  private final long[] serverErrors = new long[WINDOW_SECONDS];
  private final long[] totalNanos = new long[WINDOW_SECONDS];
  private final long[] maxNanos = new long[WINDOW_SECONDS];

  public RequestStats(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Arrays.fill(second, Long.MIN_VALUE);
  }

  /** Counts one finished request with its HTTP status and how long it took. */
  public synchronized void record(int status, long durationNanos) {
    long now = Math.floorDiv(clock.millis(), 1000);
    int i = slot(now);
    if (second[i] != now) {
      second[i] = now;
      requests[i] = 0;
      clientErrors[i] = 0;
      serverErrors[i] = 0;
      totalNanos[i] = 0;
      maxNanos[i] = 0;
    }
    long nanos = Math.max(0, durationNanos);
    requests[i]++;
    if (status >= 500) {
      serverErrors[i]++;
    } else if (status >= 400) {
      clientErrors[i]++;
    }
    totalNanos[i] += nanos;
    maxNanos[i] = Math.max(maxNanos[i], nanos);
  }

  /**
   * The window ending with the current second, oldest first: per-second {@code requests}, {@code
   * client_errors} (4xx), {@code server_errors} (5xx), {@code avg_ms} and {@code max_ms}, plus
   * totals over the window.
   */
  public synchronized ObjectNode toJson() {
    long now = Math.floorDiv(clock.millis(), 1000);
    ObjectNode out = Json.object();
    out.put("window_seconds", WINDOW_SECONDS);
    out.put("end_unix_ms", now * 1000);
    ArrayNode count = out.putArray("requests");
    ArrayNode client = out.putArray("client_errors");
    ArrayNode server = out.putArray("server_errors");
    ArrayNode avg = out.putArray("avg_ms");
    ArrayNode max = out.putArray("max_ms");
    long total = 0;
    long totalClient = 0;
    long totalServer = 0;
    long nanos = 0;
    long slowest = 0;
    for (long s = now - WINDOW_SECONDS + 1; s <= now; s++) {
      int i = slot(s);
      boolean live = second[i] == s;
      long n = live ? requests[i] : 0;
      count.add(n);
      client.add(live ? clientErrors[i] : 0);
      server.add(live ? serverErrors[i] : 0);
      avg.add(n == 0 ? 0.0 : millis(totalNanos[i] / (double) n));
      max.add(live ? millis(maxNanos[i]) : 0.0);
      if (live) {
        total += n;
        totalClient += clientErrors[i];
        totalServer += serverErrors[i];
        nanos += totalNanos[i];
        slowest = Math.max(slowest, maxNanos[i]);
      }
    }
    out.put("total_requests", total);
    out.put("total_client_errors", totalClient);
    out.put("total_server_errors", totalServer);
    out.put("requests_per_second", Math.round(total * 100.0 / WINDOW_SECONDS) / 100.0);
    out.put("avg_ms_overall", total == 0 ? 0.0 : millis(nanos / (double) total));
    out.put("max_ms_overall", millis(slowest));
    return out;
  }

  private static int slot(long unixSecond) {
    return (int) Math.floorMod(unixSecond, (long) WINDOW_SECONDS);
  }

  /** Milliseconds rounded to 0.01, which is finer than any chart needs. */
  private static double millis(double nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
