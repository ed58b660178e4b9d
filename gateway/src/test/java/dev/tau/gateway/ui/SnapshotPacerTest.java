package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotPacerTest {
  private static final long SECOND = 1_000_000_000L;

  private final SnapshotPacer pacer = new SnapshotPacer(Duration.ofSeconds(15));

  @Test
  void theFirstSnapshotIsAlwaysSent() {
    assertThat(pacer.next("a", 0)).isEqualTo(SnapshotPacer.Action.SNAPSHOT);
  }

  @Test
  void anUnchangedSnapshotIsNotSentAgain() {
    pacer.next("a", 0);

    assertThat(pacer.next("a", SECOND)).isEqualTo(SnapshotPacer.Action.NOTHING);
    assertThat(pacer.next("a", 14 * SECOND)).isEqualTo(SnapshotPacer.Action.NOTHING);
  }

  @Test
  void aChangedSnapshotIsSentAtOnce() {
    pacer.next("a", 0);

    assertThat(pacer.next("b", SECOND)).isEqualTo(SnapshotPacer.Action.SNAPSHOT);
    assertThat(pacer.next("b", 2 * SECOND)).isEqualTo(SnapshotPacer.Action.NOTHING);
  }

  @Test
  void aQuietStreamGetsAKeepAliveEveryInterval() {
    pacer.next("a", 0);

    assertThat(pacer.next("a", 15 * SECOND)).isEqualTo(SnapshotPacer.Action.KEEP_ALIVE);
    assertThat(pacer.next("a", 16 * SECOND)).isEqualTo(SnapshotPacer.Action.NOTHING);
    assertThat(pacer.next("a", 30 * SECOND)).isEqualTo(SnapshotPacer.Action.KEEP_ALIVE);
  }

  @Test
  void aSentSnapshotRestartsTheKeepAliveInterval() {
    pacer.next("a", 0);
    pacer.next("b", 10 * SECOND);

    assertThat(pacer.next("b", 20 * SECOND)).isEqualTo(SnapshotPacer.Action.NOTHING);
    assertThat(pacer.next("b", 25 * SECOND)).isEqualTo(SnapshotPacer.Action.KEEP_ALIVE);
  }

  @Test
  void theIntervalMustBePositive() {
    assertThatThrownBy(() -> new SnapshotPacer(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keepAlive");
  }
}
