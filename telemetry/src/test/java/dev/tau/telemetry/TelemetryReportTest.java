package dev.tau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryReportTest {
  private static final List<String> FIXTURE =
      List.of(
          "{\"ts_unix_ms\":100,\"event\":\"command.started\",\"run_id\":\"run-1\",\"command\":\"ask\",\"session_id\":\"s\"}",
          "{\"ts_unix_ms\":101,\"event\":\"tool.requested\",\"run_id\":\"run-1\",\"command\":\"ask\",\"session_id\":\"s\",\"tool\":\"read\"}",
          "{\"ts_unix_ms\":102,\"event\":\"tool.failed\",\"run_id\":\"run-1\",\"command\":\"ask\",\"session_id\":\"s\",\"tool\":\"read\"}",
          "{\"ts_unix_ms\":103,\"event\":\"command.completed\",\"run_id\":\"run-1\",\"command\":\"ask\",\"session_id\":\"s\"}",
          "",
          "not json at all",
          "{\"ts_unix_ms\":200,\"event\":\"command.started\",\"run_id\":\"run-2\",\"command\":\"sessions.prune\",\"session_id\":\"s\"}",
          "{\"ts_unix_ms\":201,\"event\":\"command.failed\",\"run_id\":\"run-2\",\"command\":\"sessions.prune\",\"session_id\":\"s\"}",
          "{\"ts_unix_ms\":150,\"event\":\"tool.succeeded\",\"run_id\":\"\",\"command\":\"\"}");

  @Test
  void printsTheExactSpecLinesForAFixture() {
    TelemetryReport report = TelemetryReport.of(".zavora/telemetry/events.jsonl", FIXTURE, 2000);

    assertThat(report.lines())
        .containsExactly(
            "Telemetry report",
            "Path: .zavora/telemetry/events.jsonl",
            "Lines in file: 9",
            "Events analyzed: 7 (parse_errors=1)",
            "Unique runs: 2",
            "Command outcomes: completed=1 failed=1",
            "Tool lifecycle: requested=1 succeeded=1 failed=1",
            "Top commands:",
            "- ask: 4",
            "- sessions.prune: 2",
            "Last event ts_unix_ms: 201");
  }

  @Test
  void theLimitKeepsOnlyTheNewestLines() {
    TelemetryReport report = TelemetryReport.of("p", FIXTURE, 3);

    assertThat(report.linesInFile()).isEqualTo(9);
    assertThat(report.eventsAnalyzed()).isEqualTo(3);
    assertThat(report.uniqueRuns()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.completed()).isZero();
    assertThat(report.toolSucceeded()).isEqualTo(1);
    assertThat(report.topCommands())
        .containsExactly(new TelemetryReport.CommandCount("sessions.prune", 2));
  }

  @Test
  void aLimitOfZeroStillLooksAtTheNewestLine() {
    TelemetryReport report = TelemetryReport.of("p", FIXTURE, 0);
    assertThat(report.eventsAnalyzed()).isEqualTo(1);
    assertThat(report.lastEventTs()).isEqualTo(150);
  }

  @Test
  void blankLinesCountInTheFileButNotAsErrorsAndNonObjectsAreErrors() {
    TelemetryReport report = TelemetryReport.of("p", List.of("", "   ", "[1,2]", "42", "{"), 10);

    assertThat(report.lines())
        .containsExactly(
            "Telemetry report",
            "Path: p",
            "Lines in file: 5",
            "Events analyzed: 0 (parse_errors=3)",
            "Unique runs: 0",
            "Command outcomes: completed=0 failed=0",
            "Tool lifecycle: requested=0 succeeded=0 failed=0");
  }

  @Test
  void topCommandsAreCappedAtFiveByCountThenName() {
    List<String> lines =
        List.of("f", "e", "d", "c", "b", "a", "a").stream()
            .map(c -> "{\"command\":\"" + c + "\"}")
            .toList();
    assertThat(TelemetryReport.of("p", lines, 100).topCommands())
        .extracting(TelemetryReport.CommandCount::command)
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void aMissingFileIsNotAnError(@TempDir Path dir) throws Exception {
    assertThat(TelemetryReport.read(dir.resolve("none.jsonl"), "none.jsonl", 10)).isEmpty();
    assertThat(TelemetryReport.missing("none.jsonl"))
        .isEqualTo("No telemetry file found at 'none.jsonl'.");
  }

  @Test
  void readsAFileAndRendersJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, String.join("\n", FIXTURE) + "\n");
    TelemetryReport report = TelemetryReport.read(file, "events.jsonl", 5000).orElseThrow();

    assertThat(report.linesInFile()).isEqualTo(9);
    assertThat(report.toJson().toString())
        .contains("\"command_outcomes\":{\"completed\":1,\"failed\":1}")
        .contains("\"tool_lifecycle\":{\"requested\":1,\"succeeded\":1,\"failed\":1}")
        .contains("\"last_event_ts_unix_ms\":201");
  }

  @Test
  void aNegativeLimitIsRejectedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> TelemetryReport.read(dir.resolve("x"), "x", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--limit");
  }
}
