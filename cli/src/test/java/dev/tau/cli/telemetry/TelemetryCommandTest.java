package dev.tau.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.cli.Main;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TelemetryCommandTest {
  @TempDir Path dir;
  private final CapturedTerminals terminals = new CapturedTerminals();

  private int run(String... args) {
    return Main.commandLine(Map.of(), terminals).execute(args);
  }

  private Path fixture() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.write(
        file,
        List.of(
            "{\"ts_unix_ms\":10,\"event\":\"command.started\",\"run_id\":\"run-a\",\"command\":\"ask\"}",
            "{\"ts_unix_ms\":11,\"event\":\"tool.requested\",\"run_id\":\"run-a\",\"command\":\"ask\"}",
            "{\"ts_unix_ms\":12,\"event\":\"command.completed\",\"run_id\":\"run-a\",\"command\":\"ask\"}"));
    return file;
  }

  @Test
  void reportPrintsTheSpecLinesForTheNewestWindow() throws Exception {
    Path events = fixture();
    Path own = dir.resolve("own/events.jsonl");

    int code =
        run(
            "--telemetry-path",
            own.toString(),
            "telemetry",
            "report",
            "--path",
            events.toString(),
            "--limit",
            "2");

    assertThat(code).as(terminals.errText.toString()).isZero();
    assertThat(terminals.outText.toString().lines())
        .containsExactly(
            "Telemetry report",
            "Path: " + events,
            "Lines in file: 3",
            "Events analyzed: 2 (parse_errors=0)",
            "Unique runs: 1",
            "Command outcomes: completed=1 failed=0",
            "Tool lifecycle: requested=1 succeeded=0 failed=0",
            "Top commands:",
            "- ask: 2",
            "Last event ts_unix_ms: 12");
    // the report command is itself a command run, recorded in the configured file
    List<String> own_lines = Files.readAllLines(own);
    assertThat(own_lines).hasSize(2);
    JsonNode started = Json.parse(own_lines.get(0));
    assertThat(started.get("event").asString()).isEqualTo("command.started");
    assertThat(started.get("command").asString()).isEqualTo("telemetry.report");
    assertThat(started.get("run_id").asString()).startsWith("run-");
    assertThat(Json.parse(own_lines.get(1)).get("event").asString()).isEqualTo("command.completed");
  }

  @Test
  void reportReadsTheConfiguredPathAndPrintsJson() throws Exception {
    Path events = fixture();

    int code = run("--telemetry-path", events.toString(), "--json", "telemetry", "report");

    assertThat(code).isZero();
    JsonNode json = Json.parse(terminals.outText.toString());
    // the report's own command.started line is already in the file when it is read
    assertThat(json.get("lines_in_file").asLong()).isEqualTo(4);
    assertThat(json.get("command_outcomes").get("completed").asLong()).isEqualTo(1);
    assertThat(json.get("unique_runs").asLong()).isEqualTo(2);
  }

  @Test
  void aMissingFileIsReportedAndExitsZero() {
    Path missing = dir.resolve("nothing.jsonl");

    int code =
        run("--telemetry-enabled", "false", "telemetry", "report", "--path", missing.toString());

    assertThat(code).isZero();
    assertThat(terminals.outText.toString().strip())
        .isEqualTo("No telemetry file found at '" + missing + "'.");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aNegativeLimitIsAnInputErrorRecordedAsFailed() throws Exception {
    Path own = dir.resolve("own.jsonl");

    int code = run("--telemetry-path", own.toString(), "telemetry", "report", "--limit", "-1");

    assertThat(code).isEqualTo(42);
    assertThat(terminals.errText.toString()).contains("--limit must be 0 or more");
    List<String> lines = Files.readAllLines(own);
    JsonNode failed = Json.parse(lines.getLast());
    assertThat(failed.get("event").asString()).isEqualTo("command.failed");
    assertThat(failed.get("error").asString()).contains("--limit must be 0 or more");
  }
}
