package dev.tau.gateway.responses;

import static dev.tau.gateway.responses.ResponsesTranslatorTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.http.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatTranslatorTest {
  final Set<SessionId> withHistory = new HashSet<>();
  final ChatTranslator translator = new ChatTranslator(1000, Set.of("m"), withHistory::contains);

  TurnRequest chat(String json) {
    return translator.chat(Json.parse(json));
  }

  static final String TRANSCRIPT =
      "{\"user\":\"ann\",\"messages\":[{\"role\":\"system\",\"content\":\"S1\"},"
          + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"},"
          + "{\"role\":\"developer\",\"content\":\"S2\"},{\"role\":\"user\",\"content\":\"more\"}]}";

  @Test
  void systemMessagesBecomeInstructionsAndAKnownSessionGetsOnlyTheNewMessages() {
    withHistory.add(SessionId.of("ann"));

    TurnRequest request = chat(TRANSCRIPT);

    assertThat(request.session()).isEqualTo(SessionId.of("ann"));
    assertThat(request.instructions()).isEqualTo("S1\n\nS2");
    assertThat(request.input().text()).isEqualTo("more");
    assertThat(request.store()).isFalse();
  }

  @Test
  void aNewSessionGetsTheEarlierMessagesAsContext() {
    TurnRequest request = chat(TRANSCRIPT);

    assertThat(request.input().text())
        .isEqualTo("User:\nhi\n\nAssistant context:\nhello\n\nUser:\nmore");
  }

  @Test
  void toolMessagesAreFunctionOutputsAndReportedKeysAreIgnored() {
    withHistory.add(SessionId.of("default"));
    TurnRequest request =
        chat(
            "{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"3\"},"
                + "{\"role\":\"user\",\"content\":\"thanks\",\"name\":\"bob\"}],\"n\":1}");

    assertThat(request.input().text())
        .isEqualTo("Function output (call_id=call_1):\n3\n\nUser:\nthanks");
    assertThat(request.ignoredFields()).containsExactly("messages[2].name", "n");
  }

  @Test
  void theSessionComesFromMetadataBeforeUser() {
    assertThat(
            chat("{\"user\":\"u\",\"metadata\":{\"session_id\":\"m1\"},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .session())
        .isEqualTo(SessionId.of("m1"));
  }

  @Test
  void badMessagesAreRefusedWithTheirCodes() {
    assertError(() -> chat("{}"), ErrorCode.MISSING_MESSAGES, "messages", "messages is required");
    assertError(
        () -> chat("{\"messages\":{}}"),
        ErrorCode.INVALID_MESSAGES,
        "messages",
        "messages must be an array");
    assertError(
        () ->
            chat(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}]}"),
        ErrorCode.MISSING_MESSAGES,
        "messages",
        "messages must end with at least one user or tool message with text");
    assertError(
        () -> chat("{\"messages\":[{\"role\":\"tool\",\"content\":\"\"}]}"),
        ErrorCode.INVALID_MESSAGES,
        "messages[0].content",
        "messages[0] tool message requires non-empty content");
    assertError(
        () -> chat("{\"messages\":[7]}"),
        ErrorCode.INVALID_MESSAGES,
        "messages[0]",
        "messages[0] must be a string or an object");
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokensAndIncludeUsageIsKept() {
    TurnRequest request =
        chat(
            "{\"messages\":[\"x\"],\"max_tokens\":5,\"max_completion_tokens\":9,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

    assertThat(request.maxOutputTokens()).hasValue(9);
    assertThat(request.streamUsage()).isTrue();
    assertThat(request.stream()).isTrue();
  }

  @Test
  void legacyPromptsAreStringsOrStringArrays() {
    assertThat(translator.completion(Json.parse("{\"prompt\":[\"a\",\"b\"]}")).input().text())
        .isEqualTo("a\nb");
    assertError(
        () -> translator.completion(Json.parse("{\"prompt\":[1,2]}")),
        ErrorCode.INVALID_REQUEST,
        "prompt",
        "prompt must be a string or an array of strings");
    assertError(
        () -> translator.completion(Json.parse("{}")),
        ErrorCode.MISSING_PROMPT,
        "prompt",
        "prompt is required");
  }
}
