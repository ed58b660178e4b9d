package dev.tau.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Latency samples in nanoseconds, one recorder per worker (no sharing, no locks), merged into a
 * {@link Summary} at the end of a phase.
 */
final class Latencies {
  private long[] samples = new long[4096];
  private int size;

  void add(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a latency cannot be negative: " + nanos);
    }
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  int size() {
    return size;
  }

  /**
   * Percentiles of a phase, in milliseconds (nearest rank).
   *
   * @param count samples
   * @param p50 median
   * @param p90 90th percentile
   * @param p99 99th percentile
   * @param max slowest
   */
  record Summary(long count, double p50, double p90, double p99, double max) {
    static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Merges the recorders of a phase. */
  static Summary summarize(List<Latencies> recorders) {
    long[] all = merged(recorders);
    int total = all.length;
    if (total == 0) {
      return Summary.EMPTY;
    }
    return new Summary(
        total,
        millis(rank(all, 50)),
        millis(rank(all, 90)),
        millis(rank(all, 99)),
        millis(all[total - 1]));
  }

  /**
   * The nearest-rank percentile of all samples of the recorders, in milliseconds, or NaN when there
   * are none.
   */
  static double percentileMillis(List<Latencies> recorders, double percentile) {
    long[] all = merged(recorders);
    return all.length == 0 ? Double.NaN : millis(rank(all, percentile));
  }

  /** Every sample of the recorders, sorted. */
  private static long[] merged(List<Latencies> recorders) {
    long[] all = new long[recorders.stream().mapToInt(Latencies::size).sum()];
    int at = 0;
    for (Latencies recorder : recorders) {
      System.arraycopy(recorder.samples, 0, all, at, recorder.size);
      at += recorder.size;
    }
    Arrays.sort(all);
    return all;
  }

  /** The nearest-rank percentile of sorted values: the smallest with at least p% at or below. */
  static long rank(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
