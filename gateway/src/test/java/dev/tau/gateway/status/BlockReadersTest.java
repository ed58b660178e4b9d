package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The file-reading blocks of /gateway/status: multi_channel, training, runtime_heartbeat. */
class BlockReadersTest {
  @TempDir Path root;

  @Test
  void multiChannelWithoutStateIsUnknownAndHoldsWithDiagnostics() {
    JsonNode mc = MultiChannelStatus.read(root.resolve("multi-channel"));
    assertThat(mc.path("state_present").asBoolean()).isFalse();
    assertThat(mc.path("health_state").asString()).isEqualTo("unknown");
    assertThat(mc.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(mc.path("connectors").path("state_present").asBoolean()).isFalse();
    assertThat(mc.path("diagnostics").toString())
        .contains("state_missing:")
        .contains("events_log_missing:")
        .contains("connectors_state_missing:");
  }

  @Test
  void multiChannelStateIsClassifiedAndCountedFromItsFiles() throws Exception {
    Path dir = Files.createDirectories(root.resolve("multi-channel"));
    Files.writeString(
        dir.resolve("state.json"),
        """
        {"schema_version":1,
         "processed_event_keys":["telegram:1","Telegram:2","discord:9"," "],
         "health":{"failure_streak":1,"last_cycle_failed":2,"last_cycle_completed":5,"queue_depth":3}}
        """);
    Files.writeString(
        dir.resolve("runtime-events.jsonl"),
        """
        {"health_reason":"first","reason_codes":["healthy_cycle"]}
        not json
        {"health_reason":"latest words","reason_codes":["retry_attempted","event_processing_failed"]}
        """);
    Files.writeString(
        dir.resolve("live-connectors-state.json"),
        """
        {"processed_event_keys":["telegram:42"],
         "channels":{"telegram":{"mode":"polling","liveness":"","events_ingested":4,"last_error_code":""}}}
        """);
    JsonNode mc = MultiChannelStatus.read(dir);
    assertThat(mc.path("health_state").asString()).isEqualTo("degraded");
    assertThat(mc.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(mc.path("health_reason").asString()).isEqualTo("latest words");
    assertThat(mc.path("processed_event_count").asInt()).isEqualTo(3);
    assertThat(mc.path("transport_counts").path("telegram").asInt()).isEqualTo(2);
    assertThat(mc.path("transport_counts").path("discord").asInt()).isEqualTo(1);
    assertThat(mc.path("queue_depth").asInt()).isEqualTo(3);
    assertThat(mc.path("cycle_reports").asInt()).isEqualTo(2);
    assertThat(mc.path("invalid_cycle_reports").asInt()).isEqualTo(1);
    assertThat(mc.path("last_reason_codes").toString())
        .isEqualTo("[\"retry_attempted\",\"event_processing_failed\"]");
    assertThat(mc.path("reason_code_counts").path("healthy_cycle").asInt()).isEqualTo(1);
    JsonNode telegram = mc.path("connectors").path("channels").path("telegram");
    assertThat(telegram.path("mode").asString()).isEqualTo("polling");
    assertThat(telegram.path("liveness").asString()).isEqualTo("unknown");
    assertThat(telegram.path("last_error_code").asString()).isEqualTo("none");
    assertThat(telegram.path("events_ingested").asInt()).isEqualTo(4);
    assertThat(mc.path("diagnostics").size()).isZero();
  }

  @Test
  void missingHeartbeatStateReadsAsUnknownWithHeartbeatStateMissing() {
    JsonNode hb = HeartbeatStatus.read(root.resolve("gateway/runtime-heartbeat/state.json"));
    assertThat(hb.path("run_state").asString()).isEqualTo("unknown");
    assertThat(hb.path("reason_code").asString()).isEqualTo("heartbeat_state_missing");
    assertThat(hb.path("enabled").asBoolean()).isFalse();
    assertThat(hb.path("diagnostics").get(0).asString()).startsWith("heartbeat_state_missing:");
  }

  @Test
  void heartbeatStateIsReportedAsWritten() throws Exception {
    Path file = root.resolve("state.json");
    Files.writeString(
        file,
        "{\"enabled\":true,\"run_state\":\"running\",\"reason_code\":\"heartbeat_cycle_ok\","
            + "\"tick_count\":7,\"reason_codes\":[\"heartbeat_cycle_ok\"]}");
    JsonNode hb = HeartbeatStatus.read(file);
    assertThat(hb.path("run_state").asString()).isEqualTo("running");
    assertThat(hb.path("reason_code").asString()).isEqualTo("heartbeat_cycle_ok");
    assertThat(hb.path("tick_count").asInt()).isEqualTo(7);
    assertThat(hb.path("enabled").asBoolean()).isTrue();
  }

  @Test
  void trainingReportsWhetherTheStatusFileIsPresent() throws Exception {
    JsonNode absent = TrainingStatus.read(root.resolve("training/status.json"));
    assertThat(absent.path("status_present").asBoolean()).isFalse();
    assertThat(absent.path("run_state").asString()).isEqualTo("unknown");
    assertThat(absent.path("diagnostics").get(0).asString()).startsWith("training_status_missing:");

    Path file = Files.createDirectories(root.resolve("training")).resolve("status.json");
    Files.writeString(file, "{\"run_state\":\"completed\",\"total_rollouts\":4,\"succeeded\":3}");
    JsonNode present = TrainingStatus.read(file);
    assertThat(present.path("status_present").asBoolean()).isTrue();
    assertThat(present.path("run_state").asString()).isEqualTo("completed");
    assertThat(present.path("total_rollouts").asInt()).isEqualTo(4);
    assertThat(present.path("diagnostics").size()).isZero();
  }
}
