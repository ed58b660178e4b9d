package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ResponsesTranslatorTest {
  final ResponsesTranslator translator =
      new ResponsesTranslator(
          100,
          Set.of("openai/gpt-4o-mini", "gpt-4o-mini"),
          id -> Optional.ofNullable(Map.of("resp_known", SessionId.of("stored")).get(id)));

  TurnRequest translate(String json) {
    return translator.translate(Json.parse(json));
  }

  static void assertError(ThrowingCallable call, ErrorCode code, String param, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.param()).isEqualTo(param);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void aStringInputIsTheUserMessageAsItIs() {
    TurnRequest request = translate("{\"input\":\"  hello  \"}");

    assertThat(request.input().text()).isEqualTo("hello");
    assertThat(request.session()).isEqualTo(SessionId.of("default"));
    assertThat(request.store()).isTrue();
    assertThat(request.stream()).isFalse();
    assertThat(request.ignoredFields()).isEmpty();
  }

  @Test
  void itemsAreLabelledByRoleAndFunctionOutputsByCallId() {
    TurnRequest request =
        translate(
            "{\"input\":[\"first\",{\"role\":\"system\",\"content\":\"be nice\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":{\"t\":1}},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"a\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"x\"},{\"type\":\"input_text\",\"text\":\"b\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"\"}, 42]}");

    assertThat(request.input().text())
        .isEqualTo(
            "User:\nfirst\n\nSystem context:\nbe nice\n\nFunction output (call_id=c1):\n{\"t\":1}"
                + "\n\nUser:\na\nb");
    assertThat(request.ignoredFields())
        .containsExactly("input[3].content[1]", "input[4].content", "input[5]");
  }

  @Test
  void missingEmptyOrWronglyTypedInputIsRefusedWithItsCode() {
    assertError(() -> translate("{}"), ErrorCode.MISSING_INPUT, "input", "input is required");
    assertError(
        () -> translate("{\"input\":true}"),
        ErrorCode.INVALID_INPUT,
        "input",
        "input must be a string, object, or array");
    assertError(
        () -> translate("{\"input\":[{\"type\":\"reasoning\"}]}"),
        ErrorCode.MISSING_INPUT,
        "input",
        "input must include at least one textual message or function_call_output item");
    assertError(
        () -> translate("{\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]}"),
        ErrorCode.INVALID_FUNCTION_CALL_OUTPUT,
        "input[0].output",
        "input[0] function_call_output item requires non-empty output");
    assertError(
        () -> translate("[]"),
        ErrorCode.INVALID_REQUEST,
        null,
        "request body must be a JSON object");
  }

  @Test
  void unknownFieldsAndAnotherModelAreReportedAsIgnored() {
    assertThat(translate("{\"input\":\"x\",\"model\":\"gpt-4o-mini\"}").ignoredFields()).isEmpty();
    assertThat(
            translate("{\"input\":\"x\",\"model\":\"gpt-5\",\"top_p\":1,\"user\":\"u\"}")
                .ignoredFields())
        .containsExactly("model", "top_p", "user");
  }

  @Test
  void theSessionComesFromMetadataThenConversationThenThePreviousResponse() {
    assertThat(
            translate(
                    "{\"input\":\"x\",\"metadata\":{\"session_id\":\" a b \"},\"conversation\":\"c\","
                        + "\"previous_response_id\":\"resp_known\"}")
                .session())
        .isEqualTo(SessionId.of("a_b"));
    assertThat(
            translate(
                    "{\"input\":\"x\",\"conversation\":{\"id\":\"conv_1\"},"
                        + "\"previous_response_id\":\"resp_known\"}")
                .session())
        .isEqualTo(SessionId.of("conv_1"));
    assertThat(translate("{\"input\":\"x\",\"previous_response_id\":\"resp_known\"}").session())
        .isEqualTo(SessionId.of("stored"));
    assertError(
        () -> translate("{\"input\":\"x\",\"previous_response_id\":\"resp_unknown\"}"),
        ErrorCode.RESPONSE_NOT_FOUND,
        "previous_response_id",
        "previous response 'resp_unknown' was not found (it was not stored, was pruned, or never"
            + " existed)");
  }

  @Test
  void samplingFieldsAreCheckedAndNamedWhenWrong() {
    TurnRequest ok =
        translate("{\"input\":\"x\",\"temperature\":1.5,\"max_output_tokens\":7,\"store\":false}");
    assertThat(ok.temperature()).hasValue(1.5);
    assertThat(ok.maxOutputTokens()).hasValue(7);
    assertThat(ok.store()).isFalse();
    assertError(
        () -> translate("{\"input\":\"x\",\"temperature\":3}"),
        ErrorCode.INVALID_REQUEST,
        "temperature",
        "temperature must be a number between 0 and 2");
    assertError(
        () -> translate("{\"input\":\"x\",\"max_output_tokens\":0}"),
        ErrorCode.INVALID_REQUEST,
        "max_output_tokens",
        "max_output_tokens must be a positive integer");
    assertError(
        () -> translate("{\"input\":\"x\",\"stream\":\"yes\"}"),
        ErrorCode.INVALID_REQUEST,
        "stream",
        "stream must be true or false");
  }

  @Test
  void metadataMustBeStringValuesWithinOpenAiLimits() {
    assertError(
        () -> translate("{\"input\":\"x\",\"metadata\":{\"n\":1}}"),
        ErrorCode.INVALID_REQUEST,
        "metadata.n",
        "metadata.n must be a string");
    StringBuilder many = new StringBuilder("{\"input\":\"x\",\"metadata\":{");
    for (int i = 0; i < 17; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertError(
        () -> translate(many + "}}"),
        ErrorCode.INVALID_REQUEST,
        "metadata",
        "metadata may have at most 16 keys");
  }

  @Test
  void functionToolsAreParsedAndOtherToolTypesIgnored() {
    TurnRequest request =
        translate(
            "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\","
                + "\"description\":\"d\",\"parameters\":{\"type\":\"object\"}},{\"type\":\"web_search\"}]}");

    assertThat(request.functionNames()).containsExactly("get_weather");
    assertThat(request.functions().getFirst().definition().description()).isEqualTo("d");
    assertThat(request.ignoredFields()).containsExactly("tools[1]");
    assertError(
        () ->
            translate(
                "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"bad name\"}]}"),
        ErrorCode.INVALID_REQUEST,
        "tools[0].name",
        "tools[0].name must be 1-64 letters, digits, '_' or '-' (got 'bad name')");
    assertError(
        () ->
            translate(
                "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},"
                    + "{\"type\":\"function\",\"name\":\"f\"}]}"),
        ErrorCode.INVALID_REQUEST,
        "tools[1].name",
        "function 'f' is declared twice in tools");
  }

  @Test
  void theTranslatedInputPlusInstructionsIsLimitedInCharacters() {
    assertThat(
            translate(
                    "{\"input\":\""
                        + "x".repeat(90)
                        + "\",\"instructions\":\""
                        + "y".repeat(10)
                        + "\"}")
                .instructions())
        .hasSize(10);
    assertError(
        () ->
            translate(
                "{\"input\":\""
                    + "x".repeat(91)
                    + "\",\"instructions\":\""
                    + "y".repeat(10)
                    + "\"}"),
        ErrorCode.INPUT_TOO_LARGE,
        "input",
        "translated input exceeds max 100 characters");
  }
}
