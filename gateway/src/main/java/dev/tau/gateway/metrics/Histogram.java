package dev.tau.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram over {@link GatewayMetrics#BUCKETS}, written as exposition text.
 */
final class Histogram {
  private final LongAdder[] buckets = new LongAdder[GatewayMetrics.BUCKETS.length];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  Histogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < GatewayMetrics.BUCKETS.length; i++) {
      if (seconds <= GatewayMetrics.BUCKETS[i]) {
        buckets[i].increment();
        break;
      }
    }
    count.increment();
    sumNanos.add(nanos);
  }

  /** The {@code _bucket} (cumulative), {@code _sum} and {@code _count} lines of one series. */
  void write(StringBuilder out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i < GatewayMetrics.BUCKETS.length; i++) {
      cumulative += buckets[i].sum();
      out.append(name)
          .append("_bucket{")
          .append(labels)
          .append(",le=\"")
          .append(GatewayMetrics.number(GatewayMetrics.BUCKETS[i]))
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    long total = count.sum();
    out.append(name)
        .append("_bucket{")
        .append(labels)
        .append(",le=\"+Inf\"} ")
        .append(total)
        .append('\n');
    out.append(name)
        .append("_sum{")
        .append(labels)
        .append("} ")
        .append(GatewayMetrics.number(sumNanos.sum() / 1e9))
        .append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
  }
}
