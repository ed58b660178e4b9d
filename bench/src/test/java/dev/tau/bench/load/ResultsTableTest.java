package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
  private static final ResourceSampler.Usage USAGE =
      new ResourceSampler.Usage(100 * 1024, 200 * 1024, 210 * 1024, 0.9, 0.8, 0.95, 2_000_000_000L);

  private static LoadPhase.Result plain(
      String target, int clients, long ok, double p50, double p99) {
    return paced(target, clients, Double.NaN, ok, p50, p99);
  }

  private static LoadPhase.Result paced(
      String target, int clients, double rate, long ok, double p50, double p99) {
    return new LoadPhase.Result(
        target,
        LoadPhase.Mode.PLAIN,
        clients,
        ok,
        0,
        Duration.ofSeconds(10),
        rate,
        new Latencies.Summary(ok, p50, p50, p99, p99),
        Latencies.Summary.EMPTY,
        Latencies.Summary.EMPTY,
        USAGE,
        null);
  }

  @Test
  void addedLatencyIsTheGatewayMinusTheDirectBaselineAtTheSameLevel() {
    String table =
        ResultsTable.render(
            new ResultsTable.Run(
                "test machine",
                List.of(Duration.ofMillis(700)),
                List.of(
                    plain(ResultsTable.BASELINE, 50, 100_000, 0.20, 1.00),
                    plain(ResultsTable.GATEWAY, 50, 25_000, 0.90, 4.50)),
                List.of(),
                List.of(),
                Optional.empty()));

    assertThat(table).contains("| 50 | gateway | 2500 | 0.90 | 0.90 | 4.50 | +0.70 | +3.50 | 0 |");
    assertThat(table)
        .contains("| added latency p50, 50 concurrent (closed loop) | ≤ 1 ms | 0.70 ms | yes |");
    assertThat(table)
        .contains("| added latency p99, 50 concurrent (closed loop) | ≤ 5 ms | 3.50 ms | yes |");
    assertThat(table)
        .contains("| requests/s, 50 concurrent (closed loop) | ≥ 2,000 | 2500 | yes |");
    assertThat(table).contains("| ready to serve after start (median) | < 1 s | 700 ms | yes |");
  }

  @Test
  void missedTargetsAreMarked() {
    OpenStreams.Result open =
        new OpenStreams.Result(
            1000,
            990,
            990,
            990,
            10,
            Duration.ofSeconds(3),
            100 * 1024,
            350 * 1024,
            360 * 1024,
            "java.io.IOException: HTTP 503");
    String table =
        ResultsTable.render(
            new ResultsTable.Run(
                "test machine",
                List.of(Duration.ofMillis(1500)),
                List.of(
                    plain(ResultsTable.BASELINE, 50, 100_000, 0.20, 1.00),
                    plain(ResultsTable.GATEWAY, 50, 9_000, 3.20, 40.0)),
                List.of(),
                List.of(),
                Optional.of(open)));

    assertThat(table)
        .contains("| added latency p50, 50 concurrent (closed loop) | ≤ 1 ms | 3.00 ms | **no** |");
    assertThat(table)
        .contains("| 1,000 concurrent streams: peak RSS | < 300 MB | 350 MiB (367 MB) | **no** |");
    assertThat(table).contains("990 open, 990 completed | **no** |");
    assertThat(table).contains("First failure: `java.io.IOException: HTTP 503`");
    assertThat(table)
        .contains("| ready to serve after start (median) | < 1 s | 1500 ms | **no** |");
  }

  @Test
  void pacedGatewayIsComparedWithTheBaselinePacedAtTheSameRate() {
    String table =
        ResultsTable.render(
            new ResultsTable.Run(
                "test machine",
                List.of(Duration.ofMillis(700)),
                List.of(),
                List.of(
                    paced(ResultsTable.BASELINE, 50, 900, 9_000, 0.15, 0.40),
                    paced(ResultsTable.BASELINE, 50, 500, 5_000, 0.10, 0.30),
                    paced(ResultsTable.GATEWAY, 50, 500, 5_000, 0.60, 2.30)),
                List.of(),
                Optional.empty()));

    assertThat(table)
        .contains("| 50 | gateway | 500 | 500 | 0.60 | 0.60 | 2.30 | +0.50 | +2.00 | 0 |");
    assertThat(table)
        .contains(
            "| added latency p50, 50 concurrent paced at 500 req/s | ≤ 1 ms | 0.50 ms | yes |");
  }
}
