package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcMemoryTest {
  @Test
  void readsResidentAndPeakFromAStatusFile() {
    String status =
        """
        Name:\tjava
        VmPeak:\t 8000000 kB
        VmHWM:\t  312345 kB
        VmRSS:\t  201234 kB
        Threads:\t42
        """;

    assertThat(ProcMemory.parse(status)).isEqualTo(new ProcMemory(201_234, 312_345));
  }

  @Test
  void statusWithoutMemoryLinesIsRejected() {
    assertThatThrownBy(() -> ProcMemory.parse("Name:\tkthreadd\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VmRSS");
  }

  @Test
  void readsTheLiveProcessAndNothingForAPidThatIsGone() {
    ProcMemory self = ProcMemory.of(ProcessHandle.current().pid()).orElseThrow();

    assertThat(self.rssKb()).isPositive();
    assertThat(self.hwmKb()).isGreaterThanOrEqualTo(self.rssKb());
    assertThat(ProcMemory.of(Long.MAX_VALUE)).isEmpty();
  }
}
