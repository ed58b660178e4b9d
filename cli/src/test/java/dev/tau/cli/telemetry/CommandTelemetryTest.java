package dev.tau.cli.telemetry;

import static dev.tau.telemetry.TelemetryEvent.COMMAND_COMPLETED;
import static dev.tau.telemetry.TelemetryEvent.COMMAND_FAILED;
import static dev.tau.telemetry.TelemetryEvent.COMMAND_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.cli.Main;
import dev.tau.core.error.InputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTelemetryTest {
  /** Advances 7 ms per reading, so durations are known. */
  private static final class SteppingClock extends Clock {
    private long now = 1_000;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      long t = now;
      now += 7;
      return Instant.ofEpochMilli(t);
    }
  }

  private final RecordingTelemetry telemetry = new RecordingTelemetry();

  @Test
  void aSuccessfulCommandIsStartedThenCompletedWithItsDuration() throws Exception {
    int code =
        CommandTelemetry.around(
            telemetry, Map.of("profile", "default"), new SteppingClock(), () -> 0);

    assertThat(code).isZero();
    assertThat(telemetry.names()).containsExactly(COMMAND_STARTED, COMMAND_COMPLETED);
    assertThat(telemetry.events.get(0).fields().get("profile").asString()).isEqualTo("default");
    var completed = telemetry.events.get(1).fields();
    assertThat(completed.get("duration_ms").asLong()).isEqualTo(7);
    assertThat(completed.get("status").asString()).isEqualTo("ok");
  }

  @Test
  void aThrowingCommandIsFailedWithTheRenderedErrorAndTheExceptionPassesThrough() {
    assertThatThrownBy(
            () ->
                CommandTelemetry.around(
                    telemetry,
                    Map.of(),
                    new SteppingClock(),
                    () -> {
                      throw new InputException("session prune is destructive");
                    }))
        .isInstanceOf(InputException.class);

    assertThat(telemetry.names()).containsExactly(COMMAND_STARTED, COMMAND_FAILED);
    var failed = telemetry.events.get(1).fields();
    assertThat(failed.get("status").asString()).isEqualTo("error");
    assertThat(failed.get("error").asString()).isEqualTo("session prune is destructive");
  }

  @Test
  void aNonZeroExitCodeCountsAsFailed() throws Exception {
    int code = CommandTelemetry.around(telemetry, Map.of(), new SteppingClock(), () -> 3);

    assertThat(code).isEqualTo(3);
    assertThat(telemetry.names()).containsExactly(COMMAND_STARTED, COMMAND_FAILED);
    assertThat(telemetry.events.get(1).fields().get("exit_code").asInt()).isEqualTo(3);
  }

  @Test
  void theLabelJoinsSubcommandNamesWithDots() {
    var cli = Main.commandLine(Map.of(), new CapturedTerminals());
    assertThat(CommandTelemetry.label(cli.parseArgs("telemetry", "report", "--limit", "2")))
        .isEqualTo("telemetry.report");
    assertThat(CommandTelemetry.label(cli.parseArgs("ask", "hi"))).isEqualTo("ask");
    assertThat(CommandTelemetry.label(cli.parseArgs())).isEqualTo("tau");
  }
}
