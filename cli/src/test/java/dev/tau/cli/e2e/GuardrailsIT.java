package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code bin/tau ask} with each guardrail mode in each direction, as a real process. */
class GuardrailsIT {
  /** Assembled so the tree holds no literal key a secret scanner would flag. */
  static final String KEY = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7";

  @TempDir Path work;

  TauProcess.Result ask(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    return TauProcess.run(work, TauProcess.cleanEnv(work), null, all.toArray(String[]::new));
  }

  /** Runs ask on the scripted offline provider whose one reply is {@code reply}. */
  TauProcess.Result askScripted(String reply, String... flags) throws Exception {
    Path script = work.resolve("script.json");
    var root = Json.object();
    root.putArray("replies").addObject().put("text", reply);
    Files.writeString(script, Json.write(root));
    List<String> all = new ArrayList<>(List.of(flags));
    all.addAll(
        List.of("--model", "offline/script", "--offline-script", script.toString(), "ask", "go"));
    return TauProcess.run(work, TauProcess.cleanEnv(work), null, all.toArray(String[]::new));
  }

  List<JsonNode> guardrailEvents() throws Exception {
    Path file = work.resolve(".tau/telemetry/events.jsonl");
    List<JsonNode> events = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        JsonNode node = Json.parse(line);
        if (node.path("event").asString("").startsWith("guardrail.")) {
          events.add(node);
        }
      }
    }
    return events;
  }

  @Test
  void inputBlockRefusesThePromptWithAClearErrorAndRecordsIt() throws Exception {
    var r = ask("--guardrail-input-mode", "block", "ask", "my password is hunter2");
    assertThat(r.exitCode()).isEqualTo(42);
    assertThat(r.stderr())
        .contains("guardrail blocked input content due to matched terms (password)");
    assertThat(r.stdout()).isEmpty();
    List<JsonNode> events = guardrailEvents();
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().path("event").asString()).isEqualTo("guardrail.input.blocked");
    assertThat(events.getFirst().path("mode").asString()).isEqualTo("block");
    assertThat(events.getFirst().path("hit_count").asInt()).isEqualTo(1);
    assertThat(Files.readString(work.resolve(".tau/telemetry/events.jsonl")))
        .doesNotContain("hunter2");
  }

  @Test
  void inputRedactSendsTheModelTheRedactedPrompt() throws Exception {
    // The offline provider echoes the prompt it received.
    var r = ask("--guardrail-input-mode", "redact", "ask", "my Password is hunter2");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("my [REDACTED] is hunter2").doesNotContain("Password");
    assertThat(guardrailEvents().getFirst().path("event").asString())
        .isEqualTo("guardrail.input.redacted");
  }

  @Test
  void inputObserveLetsThePromptThroughAndRecordsIt() throws Exception {
    var r = ask("--guardrail-input-mode", "observe", "ask", "my password is hunter2");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("my password is hunter2");
    assertThat(guardrailEvents().getFirst().path("event").asString())
        .isEqualTo("guardrail.input.observed");
  }

  @Test
  void outputBlockPrintsNoneOfTheAnswer() throws Exception {
    var r = askScripted("your key is " + KEY, "--guardrail-output-mode", "block");
    assertThat(r.exitCode()).isEqualTo(42);
    assertThat(r.stdout()).doesNotContain(KEY).doesNotContain("your key");
    assertThat(r.stderr())
        .contains("guardrail blocked output content due to matched terms (openai_api_key)")
        .doesNotContain(KEY);
    assertThat(guardrailEvents().getFirst().path("event").asString())
        .isEqualTo("guardrail.output.blocked");
  }

  @Test
  void outputRedactPrintsTheRedactedAnswerInTextAndJson() throws Exception {
    var r = askScripted("your key is " + KEY + ".", "--guardrail-output-mode", "redact");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().strip()).isEqualTo("your key is [REDACTED].");

    var json =
        askScripted("your key is " + KEY + ".", "--json", "--guardrail-output-mode", "redact");
    assertThat(Json.parse(json.stdout()).path("text").asString())
        .isEqualTo("your key is [REDACTED].");
    assertThat(guardrailEvents())
        .extracting(e -> e.path("event").asString())
        .containsOnly("guardrail.output.redacted");
  }

  @Test
  void outputObservePrintsTheAnswerAndRecordsIt() throws Exception {
    var r = askScripted("your key is " + KEY, "--guardrail-output-mode", "observe");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains(KEY);
    JsonNode event = guardrailEvents().getFirst();
    assertThat(event.path("event").asString()).isEqualTo("guardrail.output.observed");
    assertThat(event.path("hits").get(0).asString()).isEqualTo("openai_api_key");
  }

  @Test
  void disabledByDefault() throws Exception {
    var r = askScripted("your key is " + KEY);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains(KEY);
    assertThat(guardrailEvents()).isEmpty();
  }
}
