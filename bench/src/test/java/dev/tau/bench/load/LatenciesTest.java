package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void percentilesAreNearestRankOverEveryWorkersSamples() {
    Latencies odd = new Latencies();
    Latencies even = new Latencies();
    for (int ms = 1; ms <= 100; ms++) {
      (ms % 2 == 0 ? even : odd).add(ms * 1_000_000L);
    }

    Latencies.Summary summary = Latencies.summarize(List.of(odd, even));

    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.p50()).isEqualTo(50.0);
    assertThat(summary.p90()).isEqualTo(90.0);
    assertThat(summary.p99()).isEqualTo(99.0);
    assertThat(summary.max()).isEqualTo(100.0);
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    assertThat(Latencies.rank(new long[] {7}, 50)).isEqualTo(7);
    assertThat(Latencies.rank(new long[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void recorderGrowsPastItsFirstArray() {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 10_000; i++) {
      latencies.add(i);
    }

    assertThat(latencies.size()).isEqualTo(10_000);
    assertThat(Latencies.summarize(List.of(latencies)).max()).isEqualTo(9_999 / 1e6);
  }

  @Test
  void noSamplesGiveAnEmptySummary() {
    assertThat(Latencies.summarize(List.of(new Latencies()))).isEqualTo(Latencies.Summary.EMPTY);
  }

  @Test
  void negativeLatencyAndOutOfRangePercentileAreRejected() {
    assertThatThrownBy(() -> new Latencies().add(-1)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Latencies.rank(new long[] {1}, 0)).hasMessageContaining("percentile");
  }
}
