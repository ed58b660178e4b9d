package dev.tau.gateway.cortex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.util.IdSource;
import dev.tau.testkit.agent.ScriptedModelProvider;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CortexChatTest {
  static final long NOW = 1_760_000_000_000L;

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.ofEpochMilli(NOW));
  final ScriptedModelProvider model = new ScriptedModelProvider();
  final List<CortexEvent> events = new ArrayList<>();

  CortexObserverLog log() {
    return new CortexObserverLog(CortexObserverLog.defaultPath(dir), clock);
  }

  CortexReasonCode ask(String input) {
    return new CortexChat(model, "gpt-test", log(), clock, IdSource.sequential())
        .answer(
            input,
            "health_state=failing reason_code=cortex_observer_events_missing",
            "health_state=healthy rollout_gate=pass",
            events::add,
            Cancellation.none());
  }

  List<String> names() {
    return events.stream().map(CortexEvent::name).toList();
  }

  JsonNode recorded() throws Exception {
    List<String> lines = Files.readAllLines(CortexObserverLog.defaultPath(dir));
    assertThat(lines).hasSize(1);
    return Json.parse(lines.getFirst());
  }

  @Test
  void theModelsAnswerStreamsAsDeltasThenIsRecordedAndCompleted() throws Exception {
    model
        .chunkSize(5)
        .reply(
            ScriptedModelProvider.Reply.text("Run a cortex chat.").withUsage(new Usage(40, 6, 0)));

    CortexReasonCode outcome = ask("why is cortex failing?");

    assertThat(outcome).isEqualTo(CortexReasonCode.CORTEX_CHAT_LLM_APPLIED);
    assertThat(names())
        .containsExactly(
            "cortex.response.created",
            "cortex.response.output_text.delta",
            "cortex.response.output_text.delta",
            "cortex.response.output_text.delta",
            "cortex.response.output_text.delta",
            "cortex.response.output_text.done",
            "cortex.response.completed");
    assertThat(events.get(0).data().path("response_id").asString()).isEqualTo("cortex_resp_1");
    assertThat(events.get(0).data().path("model").asString()).isEqualTo("gpt-test");
    assertThat(events.get(5).data().path("text").asString()).isEqualTo("Run a cortex chat.");
    JsonNode completed = events.get(6).data();
    assertThat(completed.path("reason_code").asString()).isEqualTo("cortex_chat_llm_applied");
    assertThat(completed.path("fallback").asBoolean()).isFalse();
    assertThat(completed.path("usage").path("total_tokens").asInt()).isEqualTo(46);

    JsonNode line = recorded();
    assertThat(line.path("event_type").asString()).isEqualTo("cortex.chat.request");
    assertThat(line.path("timestamp_unix_ms").asLong()).isEqualTo(NOW);
    JsonNode meta = line.path("metadata");
    assertThat(meta.path("response_id").asString()).isEqualTo("cortex_resp_1");
    assertThat(meta.path("input_chars").asInt()).isEqualTo(22);
    assertThat(meta.path("output_chars").asInt()).isEqualTo(18);
    assertThat(meta.path("reason_code").asString()).isEqualTo("cortex_chat_llm_applied");
    assertThat(meta.path("fallback").asBoolean()).isFalse();
  }

  @Test
  void theRequestIsAGroundedToolFreeOperatorPromptWithSmallOutput() {
    model.replyText("ok");
    ask("what should I do?");
    ModelRequest request = model.requests().getFirst();
    assertThat(request.model()).isEqualTo("gpt-test");
    assertThat(request.instructions()).isEqualTo(CortexChat.SYSTEM_PROMPT);
    assertThat(request.tools()).isEmpty();
    assertThat(request.maxOutputTokens()).hasValue(CortexChat.MAX_OUTPUT_TOKENS);
    assertThat(request.temperature()).hasValue(0.0);
    assertThat(request.messages().getFirst().text())
        .startsWith("[operator_query]\nwhat should I do?")
        .contains(
            "[observer_status]\nhealth_state=failing reason_code=cortex_observer_events_missing")
        .contains("[gateway_status]\nhealth_state=healthy rollout_gate=pass")
        .contains("[response_style]");
  }

  @Test
  void aLongQueryIsShortenedSoThePromptKeepsItsStatusSections() {
    String prompt = CortexChat.prompt("q".repeat(20_000), "OBS", "GW");
    assertThat(prompt).hasSize(CortexChat.MAX_PROMPT_CHARS);
    assertThat(prompt).contains("…\n\n[observer_status]\nOBS").endsWith("commands.");
  }

  @Test
  void anEmptyAnswerIsReplacedByTheFallbackTextAndFlagged() throws Exception {
    model.replyText("   ");
    CortexReasonCode outcome = ask("status?");
    assertThat(outcome).isEqualTo(CortexReasonCode.CORTEX_CHAT_LLM_EMPTY_FALLBACK);
    String text = events.get(events.size() - 2).data().path("text").asString();
    assertThat(text)
        .startsWith(
            "Cortex fallback response engaged. reason_code=cortex_chat_llm_empty_fallback"
                + " model=gpt-test input_chars=7.");
    assertThat(events.getLast().data().path("fallback").asBoolean()).isTrue();
    assertThat(recorded().path("metadata").path("fallback").asBoolean()).isTrue();
  }

  @Test
  void aProviderFailureIsAFailedEventAndIsStillRecordedAsAnErrorFallback() throws Exception {
    model.fail(new ProviderException.AuthFailed("openai", 401, "Incorrect API key provided"));
    CortexReasonCode outcome = ask("hello");
    assertThat(outcome).isEqualTo(CortexReasonCode.CORTEX_CHAT_LLM_ERROR_FALLBACK);
    assertThat(names()).containsExactly("cortex.response.created", "cortex.response.failed");
    JsonNode failed = events.getLast().data();
    assertThat(failed.path("reason_code").asString()).isEqualTo("cortex_chat_llm_error_fallback");
    assertThat(failed.path("fallback").asBoolean()).isTrue();
    assertThat(failed.path("error").path("code").asString()).isEqualTo("provider_auth_failed");
    assertThat(failed.path("error").path("message").asString()).contains("Incorrect API key");
    JsonNode meta = recorded().path("metadata");
    assertThat(meta.path("reason_code").asString()).isEqualTo("cortex_chat_llm_error_fallback");
    assertThat(meta.path("fallback").asBoolean()).isTrue();
    assertThat(meta.path("error_code").asString()).isEqualTo("provider_auth_failed");
  }

  @Test
  void theAnswerIsCappedAtTheOutputLimit() {
    model.chunkSize(1000).replyText("x".repeat(CortexChat.MAX_OUTPUT_CHARS + 500));
    ask("long please");
    String text = events.get(events.size() - 2).data().path("text").asString();
    assertThat(text).hasSize(CortexChat.MAX_OUTPUT_CHARS);
    int streamed =
        events.stream()
            .filter(CortexEvent.TextDelta.class::isInstance)
            .mapToInt(e -> ((CortexEvent.TextDelta) e).delta().length())
            .sum();
    assertThat(streamed).isEqualTo(CortexChat.MAX_OUTPUT_CHARS);
  }

  @Test
  void aClientThatGoesAwayMidStreamStillLeavesTheChatRecorded() throws Exception {
    model.chunkSize(2).replyText("abcdef");
    List<CortexEvent> seen = new ArrayList<>();
    try {
      new CortexChat(model, "gpt-test", log(), clock, IdSource.sequential())
          .answer(
              "hi",
              "obs",
              "gw",
              e -> {
                seen.add(e);
                if (e instanceof CortexEvent.TextDelta) {
                  throw new java.io.UncheckedIOException(new java.io.IOException("broken pipe"));
                }
              },
              Cancellation.none());
    } catch (java.io.UncheckedIOException expected) {
      // the final event could not be sent either
    }
    assertThat(recorded().path("metadata").path("reason_code").asString())
        .isEqualTo("cortex_chat_llm_error_fallback");
  }
}
