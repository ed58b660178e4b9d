package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.json.Json;
import dev.tau.gateway.responses.ResponsesHarness.Frame;
import dev.tau.guardrails.Guardrail;
import dev.tau.guardrails.GuardrailEvent;
import dev.tau.guardrails.GuardrailPolicy;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Guardrails over HTTP: /v1/responses and /v1/chat/completions, plain and streamed. */
// The timeout only guards against a hang; nothing here asserts on speed.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuardrailsIT {
  /** Assembled so the tree holds no literal key a secret scanner would flag. */
  static final String KEY = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7";

  @TempDir Path dir;

  final ScriptedModelProvider model = new ScriptedModelProvider().chunkSize(3);
  final List<GuardrailEvent> events = new CopyOnWriteArrayList<>();

  ResponsesHarness gateway(GuardrailMode input, GuardrailMode output) {
    return ResponsesHarness.start(
        model,
        dir,
        new Guardrail(
            new GuardrailPolicy(input, output, List.of("password"), "[REDACTED]"), events::add));
  }

  static ObjectNode response(String input, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", ResponsesHarness.MODEL);
    body.put("input", input);
    body.put("stream", stream);
    return body;
  }

  static ObjectNode chat(String content, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", ResponsesHarness.MODEL);
    body.putArray("messages").addObject().put("role", "user").put("content", content);
    body.put("stream", stream);
    return body;
  }

  static JsonNode error(HttpResponse<String> response) {
    return Json.parse(response.body()).path("error");
  }

  @Test
  void blockedInputIs400BeforeTheModelIsCalledEvenForAStream() throws Exception {
    try (var gw = gateway(GuardrailMode.BLOCK, GuardrailMode.DISABLED)) {
      for (var path : List.of("/v1/responses", "/v1/chat/completions")) {
        for (boolean stream : List.of(false, true)) {
          var body =
              path.equals("/v1/responses")
                  ? response("my password is hunter2", stream)
                  : chat("my password is hunter2", stream);
          HttpResponse<String> r = gw.post(path, body);
          assertThat(r.statusCode()).as(path + " stream=" + stream).isEqualTo(400);
          assertThat(error(r).path("code").asString()).isEqualTo("guardrail_blocked_input");
          assertThat(error(r).path("message").asString())
              .isEqualTo("guardrail blocked input content due to matched terms (password)");
          assertThat(r.body()).doesNotContain("hunter2");
        }
      }
      assertThat(model.requests()).isEmpty();
      assertThat(events).extracting(GuardrailEvent::name).containsOnly("guardrail.input.blocked");
    }
  }

  @Test
  void redactedInputIsWhatTheModelSees() throws Exception {
    model.replyText("ok");
    try (var gw = gateway(GuardrailMode.REDACT, GuardrailMode.DISABLED)) {
      assertThat(gw.post("/v1/responses", response("my Password is x", false)).statusCode())
          .isEqualTo(200);
      assertThat(model.requests().getFirst().messages().getLast().text())
          .isEqualTo("my [REDACTED] is x");
    }
  }

  @Test
  void blockedOutputIs403WithoutTheAnswer() throws Exception {
    model.replyText("the key is " + KEY).replyText("the key is " + KEY);
    try (var gw = gateway(GuardrailMode.DISABLED, GuardrailMode.BLOCK)) {
      for (var path : List.of("/v1/responses", "/v1/chat/completions")) {
        var body = path.equals("/v1/responses") ? response("key?", false) : chat("key?", false);
        HttpResponse<String> r = gw.post(path, body);
        assertThat(r.statusCode()).as(path).isEqualTo(403);
        assertThat(error(r).path("code").asString()).isEqualTo("guardrail_blocked_output");
        assertThat(error(r).path("message").asString())
            .isEqualTo("guardrail blocked output content due to matched terms (openai_api_key)");
        assertThat(r.body()).doesNotContain(KEY).doesNotContain("the key is");
      }
      assertThat(events).extracting(GuardrailEvent::name).containsOnly("guardrail.output.blocked");
    }
  }

  @Test
  void aStreamedReplyThatIsBlockedSendsNoTextBeforeFailing() throws Exception {
    model.replyText("the key is " + KEY);
    try (var gw = gateway(GuardrailMode.DISABLED, GuardrailMode.BLOCK)) {
      List<Frame> frames = gw.stream("/v1/responses", response("key?", true));
      List<String> types =
          frames.stream().map(f -> f.event() == null ? f.data() : f.event()).toList();
      assertThat(types)
          .containsExactly("response.created", "response.in_progress", "response.failed", "[DONE]");
      assertThat(types).noneMatch(t -> t.contains("output_text"));
      JsonNode failed = frames.get(2).json();
      assertThat(failed.path("response").path("error").path("code").asString())
          .isEqualTo("guardrail_blocked_output");
      assertThat(frames.toString()).doesNotContain(KEY).doesNotContain("the key");
    }
  }

  @Test
  void redactionAppliesToPlainAndStreamedAnswers() throws Exception {
    String answer = "mail ada@example.com with " + KEY;
    model.replyText(answer).replyText(answer).replyText(answer);
    try (var gw = gateway(GuardrailMode.DISABLED, GuardrailMode.REDACT)) {
      HttpResponse<String> plain = gw.post("/v1/responses", response("who?", false));
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(
              Json.parse(plain.body())
                  .path("output")
                  .get(0)
                  .path("content")
                  .get(0)
                  .path("text")
                  .asString())
          .isEqualTo("mail [REDACTED] with [REDACTED]");

      List<Frame> frames = gw.stream("/v1/responses", response("who?", true));
      StringBuilder deltas = new StringBuilder();
      for (Frame f : frames) {
        if ("response.output_text.delta".equals(f.event())) {
          deltas.append(f.json().path("delta").asString());
        }
      }
      assertThat(deltas.toString()).isEqualTo("mail [REDACTED] with [REDACTED]");
      assertThat(frames.toString()).doesNotContain("ada@example.com").doesNotContain(KEY);

      List<Frame> chat = gw.stream("/v1/chat/completions", chat("who?", true));
      assertThat(chat.toString())
          .contains("[REDACTED]")
          .doesNotContain("ada@example.com")
          .doesNotContain(KEY);
    }
  }

  @Test
  void observedOutputStreamsUnchangedAndIsRecorded() throws Exception {
    model.replyText("the password is swordfish");
    try (var gw = gateway(GuardrailMode.DISABLED, GuardrailMode.OBSERVE)) {
      HttpResponse<String> r = gw.post("/v1/responses", response("?", false));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("the password is swordfish");
      assertThat(events)
          .extracting(GuardrailEvent::name)
          .containsExactly("guardrail.output.observed");
    }
  }
}
