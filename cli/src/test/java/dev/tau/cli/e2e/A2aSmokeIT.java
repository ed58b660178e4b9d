package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tau server a2a-smoke} as the runbook runs it: no server, no model, no credentials. */
class A2aSmokeIT {
  @TempDir Path work;

  @Test
  void serverA2aSmokePrintsThePassLineExitsZeroAndRecordsSmokePassedWithoutCredentials()
      throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "server", "a2a-smoke");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().strip())
        .isEqualTo("A2A smoke passed: basic request/ack contract is valid.");
    Path events = work.resolve(".tau/telemetry/events.jsonl");
    assertThat(events).exists();
    var passed =
        Files.readAllLines(events).stream()
            .map(Json::parse)
            .filter(e -> e.path("event").asString().equals("a2a.smoke.passed"))
            .toList();
    assertThat(passed).hasSize(1);
    assertThat(passed.get(0).path("from_agent").asString()).isEqualTo("sales-agent");
    assertThat(passed.get(0).path("to_agent").asString()).isEqualTo("procurement-agent");
    assertThat(passed.get(0).path("message_id").asString()).isEqualTo("msg-001");
  }
}
