package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsStatusTest {
  @TempDir Path dir;

  @Test
  void missingStateIsReportedNotFailed() {
    ConnectorsStatus status = ConnectorsStatus.read(dir.resolve("none.json"));

    assertThat(status.statePresent()).isFalse();
    assertThat(status.render())
        .endsWith("state_present=false schema_version=0 processed_event_count=0 channels=none");
  }

  @Test
  void rendersChannelsSortedWithGuidance() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(
        file,
        """
        {"schema_version":1,"processed_event_keys":["telegram:42","discord:1"],
         "channels":{
          "telegram":{"mode":"polling","liveness":"open","breaker_state":"open",
            "breaker_open_until_unix_ms":1760000001000,"breaker_last_open_reason":"rate_limited",
            "last_error_code":"rate_limited","retry_attempts":3},
          "discord":{"mode":"polling","liveness":"degraded","breaker_state":"closed",
            "last_error_code":"auth_failed","auth_failures":1},
          "whatsapp":{"mode":"disabled","liveness":"disabled","breaker_state":"disabled"}}}""");

    ConnectorsStatus status = ConnectorsStatus.read(file);

    assertThat(status.processedEventCount()).isEqualTo(2);
    assertThat(status.toJson().path("channels").path("telegram").path("guidance").asString())
        .isEqualTo("wait_for_breaker_recovery_until:1760000001000");
    assertThat(status.render())
        .startsWith(
            "multi-channel live connectors status: state_path="
                + file
                + " state_present=true schema_version=1 processed_event_count=2 channels=discord:mode=polling liveness=degraded")
        .contains(
            "auth_failures=1 parse_failures=0 provider_failures=0 last_error_code=auth_failed guidance=inspect_provider_errors_and_credentials | telegram:")
        .endsWith(
            "whatsapp:mode=disabled liveness=disabled breaker_state=disabled retry_budget_remaining=0 breaker_open_until_unix_ms=0 breaker_last_open_reason= ingested=0 duplicates=0 retries=0 auth_failures=0 parse_failures=0 provider_failures=0 last_error_code= guidance=none");
  }

  @Test
  void aCorruptStateFileIsAClearError() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{not json");

    assertThatThrownBy(() -> ConnectorsStatus.read(file))
        .isInstanceOf(ConnectorStateException.class)
        .hasMessageContaining("is not valid JSON");
  }
}
