package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.gateway.http.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesRuntimeTest {
  final ResponsesRuntime runtime = new ResponsesRuntime();

  @Test
  void countersAppearInTheStatusJson() {
    runtime.recordRequest(ResponsesRuntime.Endpoint.CHAT_COMPLETIONS);
    runtime.recordRequest(ResponsesRuntime.Endpoint.MODELS);
    runtime.recordStream();
    runtime.recordTranslationFailure(ErrorCode.MALFORMED_JSON);
    runtime.recordExecutionFailure(ErrorCode.GATEWAY_RUNTIME_ERROR);
    runtime.recordOutcome(ReasonCode.RESPONSE_COMPLETED);

    var json = runtime.toJson();

    assertThat(json.path("total_requests").asLong()).isEqualTo(2);
    assertThat(json.path("chat_completions_requests").asLong()).isEqualTo(1);
    assertThat(json.path("models_requests").asLong()).isEqualTo(1);
    assertThat(json.path("completions_requests").asLong()).isZero();
    assertThat(json.path("stream_requests").asLong()).isEqualTo(1);
    assertThat(json.path("translation_failures").asLong()).isEqualTo(1);
    assertThat(json.path("execution_failures").asLong()).isEqualTo(1);
    assertThat(json.path("reason_code_counts").path("malformed_json").asLong()).isEqualTo(1);
    assertThat(json.path("last_reason_codes").toString())
        .isEqualTo("[\"malformed_json\",\"gateway_runtime_error\",\"response_completed\"]");
  }

  @Test
  void ignoredFieldsAreCountedByShapeAndTheirVarietyIsBounded() {
    runtime.recordIgnoredFields(List.of("input[3].content", "input[7].content"));
    List<String> junk = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      junk.add("junk_" + i);
    }
    runtime.recordIgnoredFields(junk);

    assertThat(runtime.ignoredFieldCounts()).containsEntry("input[].content", 2L);
    assertThat(runtime.ignoredFieldCounts()).hasSizeLessThanOrEqualTo(129);
    assertThat(runtime.ignoredFieldCounts()).containsKey(ResponsesRuntime.OTHER_FIELDS);
  }

  @Test
  void onlyTheLastSixteenReasonCodesAreKept() {
    for (int i = 0; i < 20; i++) {
      runtime.recordOutcome(ReasonCode.RESPONSE_INCOMPLETE);
    }
    assertThat(runtime.toJson().path("last_reason_codes").size()).isEqualTo(16);
    assertThat(runtime.reasonCodeCounts()).containsEntry("response_incomplete", 20L);
  }
}
