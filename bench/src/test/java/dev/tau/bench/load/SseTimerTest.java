package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseTimerTest {
  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void notesCreatedFirstDeltaAndCompletionFromEventLines() throws Exception {
    AtomicInteger firstDeltas = new AtomicInteger();
    String body =
        """
        event: response.created
        data: {"type":"response.created","sequence_number":0}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":1,"delta":"Hi "}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":2,"delta":"there"}

        event: response.completed
        data: {"type":"response.completed","sequence_number":3}

        data: [DONE]

        """;

    SseTimer.Timing timing =
        SseTimer.read(stream(body), System.nanoTime(), firstDeltas::incrementAndGet);

    assertThat(timing.created()).isPositive();
    assertThat(timing.firstDelta()).isGreaterThanOrEqualTo(timing.created());
    assertThat(timing.end()).isGreaterThanOrEqualTo(timing.firstDelta());
    assertThat(timing.deltas()).isEqualTo(2);
    assertThat(timing.completed()).isTrue();
    assertThat(firstDeltas).hasValue(1);
  }

  @Test
  void readsTypesFromDataWhenTheStreamHasNoEventLines() throws Exception {
    String body =
        """
        data: {"type":"response.created"}

        data: {"type":"response.output_text.delta","delta":"x"}

        data: {"type":"response.completed"}

        """;

    SseTimer.Timing timing = SseTimer.read(stream(body), System.nanoTime(), () -> {});

    assertThat(timing.created()).isPositive();
    assertThat(timing.deltas()).isEqualTo(1);
    assertThat(timing.completed()).isTrue();
  }

  @Test
  void streamCutBeforeCompletionIsNotCompleted() throws Exception {
    String body =
        """
        event: response.created
        data: {"type":"response.created"}

        event: response.failed
        data: {"type":"response.failed"}

        """;

    SseTimer.Timing timing = SseTimer.read(stream(body), System.nanoTime(), () -> {});

    assertThat(timing.completed()).isFalse();
    assertThat(timing.firstDelta()).isZero();
  }
}
