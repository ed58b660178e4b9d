package dev.tau.gates.evals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class EvalRunnerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:15:30.123Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EvalRunner.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  @Test
  void theBuiltInCasesAllPassAndTheResultsAreWritten() throws Exception {
    assertThat(run("--out-dir", dir.toString())).isZero();

    Path file = dir.resolve("20261123T101530.123Z.json");
    JsonNode report = Json.parse(Files.readString(file));
    assertThat(report.path("gate_passed").asBoolean()).isTrue();
    assertThat(report.path("pass_rate").asDouble()).isEqualTo(1.0);
    assertThat(report.path("total").asInt()).isGreaterThanOrEqualTo(10);
    assertThat(report.path("cases").get(0).path("id").asString()).isEqualTo("plain-answer");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASS denied-tool-is-refused");
  }

  /** Two good cases and one whose script does something other than what is expected. */
  private Path casesWithOneWrongScript() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        """
        [
          {"id": "ok-1", "prompt": "hi", "script": {"replies": [{"text": "hello"}]},
           "expect": {"answer_contains": ["hello"]}},
          {"id": "ok-2", "prompt": "hi", "files": {"a.txt": "A"},
           "script": {"replies": [{"tool_calls": [{"name": "read", "arguments": {"path": "a.txt"}}]},
                                  {"text": "it says A"}]},
           "expect": {"tool_calls": ["read"], "tool_results_contain": ["A"]}},
          {"id": "wrong-script", "prompt": "write notes",
           "script": {"replies": [{"tool_calls": [{"name": "write",
                                   "arguments": {"path": "notes.txt", "content": "bye"}}]},
                                  {"text": "done"}]},
           "expect": {"tool_calls": ["write"], "files": {"notes.txt": "hello"},
                      "answer_contains": ["notes.txt"]}}
        ]
        """);
    return cases;
  }

  @Test
  void aPassRateBelowTheThresholdFailsTheGate() throws Exception {
    Path cases = casesWithOneWrongScript();

    assertThat(run("--cases", cases.toString(), "--out-dir", dir.toString())).isEqualTo(1);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("PASS ok-1")
        .contains("FAIL wrong-script")
        .contains("file notes.txt does not hold the expected text")
        .contains("the answer does not contain 'notes.txt'")
        .contains("evals: 2/3 passed (67%), threshold 100%");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("evals: FAILED: pass rate 66.7% is below --min-pass-rate 100.0%");
    JsonNode report = Json.parse(Files.readString(dir.resolve("20261123T101530.123Z.json")));
    assertThat(report.path("gate_passed").asBoolean()).isFalse();
    assertThat(report.path("cases").get(2).path("failures").size()).isEqualTo(2);
  }

  @Test
  void aLowerThresholdLetsTheSameRunPass() throws Exception {
    Path cases = casesWithOneWrongScript();

    assertThat(
            run("--cases", cases.toString(), "--out-dir", dir.toString(), "--min-pass-rate", "0.6"))
        .isZero();
  }

  @Test
  void aCaseWhoseScriptIsInvalidFailsAloneAndTheOthersStillRun() throws Exception {
    List<EvalCase> cases =
        EvalCase.parseAll(
            """
            [{"id": "bad", "prompt": "x", "script": {"replies": [{"txt": "typo"}]}, "expect": {}},
             {"id": "good", "prompt": "x", "script": [{"text": "y"}], "expect": {}}]
            """,
            "inline");

    List<EvalSuite.CaseResult> results = new EvalSuite(CLOCK).run(cases);

    assertThat(results.get(0).passed()).isFalse();
    assertThat(results.get(0).failures().getFirst())
        .contains("the case cannot run")
        .contains("unknown field 'txt'");
    assertThat(results.get(1).passed()).isTrue();
  }

  @Test
  void malformedCaseFilesAndOptionsAreBadInput() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases, "[{\"id\": \"a\", \"prompt\": \"p\", \"script\": {}, \"expekt\": {}}]");

    assertThat(run("--cases", cases.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown field 'expekt'");
    assertThat(run("--min-pass-rate", "1.5")).isEqualTo(2);
    assertThat(run("--cases", dir.resolve("missing.json").toString())).isEqualTo(2);
  }
}
