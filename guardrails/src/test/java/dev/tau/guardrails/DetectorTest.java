package dev.tau.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.guardrail.GuardrailMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorTest {
  final Guardrail guardrail =
      new Guardrail(
          new GuardrailPolicy(GuardrailMode.REDACT, GuardrailMode.REDACT, List.of(), "[REDACTED]"),
          GuardrailListener.NONE);

  static List<Arguments> secrets() {
    return List.of(
        Arguments.of("key " + Samples.OPENAI + " here", "openai_api_key"),
        Arguments.of("key " + Samples.ANTHROPIC + " here", "anthropic_api_key"),
        Arguments.of("key " + Samples.GOOGLE + " here", "google_api_key"),
        Arguments.of("key " + Samples.AWS + " here", "aws_access_key"),
        Arguments.of("key " + Samples.GITHUB + " here", "github_token"),
        Arguments.of("key " + Samples.SLACK + " here", "slack_token"),
        Arguments.of(Samples.BEARER, "bearer_token"),
        Arguments.of("here:\n" + Samples.PEM + "\nend", "private_key"),
        Arguments.of("mail ada@example.com today", "email"),
        Arguments.of("call +1 415 555 0132 now", "phone_number"),
        Arguments.of("call (415) 555-0132 now", "phone_number"),
        Arguments.of("call 415-555-0132 now", "phone_number"),
        Arguments.of("call +14155550132 now", "phone_number"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void eachDetectorFindsItsShapeAndReportsItsLabelNotTheText(String text, String label) {
    assertThat(guardrail.hits(text)).containsExactly(label);
    String redacted = guardrail.redact(text);
    assertThat(redacted).contains("[REDACTED]");
    assertThat(guardrail.hits(redacted)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "the task-manager skips risk-free steps",
        "released 2024-01-15 as version 1.2.3 on 10.0.0.12",
        "order number 4155550132 shipped",
        "sk-short is not a key",
        "AKIA alone is not a key",
        "write to ada at example dot com",
        "the bearer of good news arrived",
        "-----BEGIN PUBLIC KEY----- is fine to share",
        "ghp_tooShort"
      })
  void ordinaryTextIsNotFlagged(String text) {
    assertThat(guardrail.hits(text)).isEmpty();
  }

  @Test
  void aCutOffPrivateKeyIsStillCaught() {
    String cut = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0";
    assertThat(guardrail.hits(cut)).containsExactly("private_key");
    assertThat(guardrail.redact("x " + cut)).isEqualTo("x [REDACTED]");
  }
}
