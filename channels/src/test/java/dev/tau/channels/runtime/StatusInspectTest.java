package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusInspectTest {
  @TempDir Path tau;

  @Test
  void withoutAStateFileTheReportsSayWhatToRunFirst() {
    assertThatThrownBy(() -> StatusInspect.status(tau))
        .hasMessageContaining("failed to read state file")
        .hasMessageContaining("--multi-channel-live-runner");
    assertThatThrownBy(() -> StatusInspect.health(tau))
        .isInstanceOf(StatusInspect.StateUnavailable.class);
  }

  @Test
  void statusAndHealthReflectTheLastCycle() throws Exception {
    Path state = tau.resolve("multi-channel");
    OutboundDispatcher store =
        new OutboundDispatcher() {
          public OutboundMode mode() {
            return OutboundMode.CHANNEL_STORE;
          }

          public DeliveryOutcome deliver(dev.tau.channels.InboundEvent e, String t) {
            return DeliveryOutcome.channelStore();
          }
        };
    new MultiChannelRunner(
            state,
            RunnerSettings.DEFAULTS,
            (e, s, p) -> new ReplyGenerator.Reply.Answered("ok"),
            TauCommandHook.UNAVAILABLE,
            store,
            Clock.systemUTC(),
            ms -> {},
            w -> {})
        .runCycle(List.of(MultiChannelRunnerTest.telegram("1", "u", "hi", 1)));
    Files.writeString(
        state.resolve("runtime-events.jsonl"), "torn\n", java.nio.file.StandardOpenOption.APPEND);

    var status = StatusInspect.status(state);
    assertThat(status.get("health_state").asString()).isEqualTo("healthy");
    assertThat(status.get("rollout_gate").asString()).isEqualTo("pass");
    assertThat(status.get("processed_event_count").asInt()).isEqualTo(1);
    assertThat(status.at("/transport_counts/telegram").asInt()).isEqualTo(1);
    assertThat(status.get("cycle_reports").asInt()).isEqualTo(1);
    assertThat(status.get("invalid_cycle_reports").asInt()).isEqualTo(1);
    assertThat(status.at("/telemetry/policy/include_identifiers").asBoolean()).isFalse();
    assertThat(status.at("/telemetry/usage_summary_records").asLong()).isEqualTo(1);
    assertThat(StatusInspect.statusLine(status))
        .startsWith("multi-channel status inspect: state_path=");

    var rows = StatusInspect.health(state);
    assertThat(rows.get(0).get("target").asString()).isEqualTo("telegram/discord/whatsapp");
    assertThat(StatusInspect.healthLine(rows.get(0)))
        .startsWith(
            "transport health inspect: transport=multi-channel target=telegram/discord/whatsapp")
        .contains("last_cycle_completed=1");
  }
}
