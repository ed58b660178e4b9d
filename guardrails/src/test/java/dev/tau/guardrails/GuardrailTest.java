package dev.tau.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.guardrail.GuardrailMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailTest {
  final List<GuardrailEvent> events = new ArrayList<>();

  Guardrail guardrail(GuardrailMode input, GuardrailMode output, String... terms) {
    return new Guardrail(
        new GuardrailPolicy(input, output, List.of(terms), "[REDACTED]"), events::add);
  }

  @Test
  void disabledPassesEverythingAndRecordsNothing() {
    Guardrail g = guardrail(GuardrailMode.DISABLED, GuardrailMode.DISABLED, "password");
    assertThat(g.check(Direction.INPUT, "my password is " + Samples.OPENAI))
        .isInstanceOf(GuardrailCheck.Passed.class);
    assertThat(events).isEmpty();
  }

  @Test
  void termsMatchCaseInsensitivelyAsWholePhrasesOnly() {
    Guardrail g = guardrail(GuardrailMode.OBSERVE, GuardrailMode.OBSERVE, "api key", "pass");
    assertThat(g.hits("Share the API KEY only with admins.")).containsExactly("api key");
    assertThat(g.hits("a passport and a password")).isEmpty();
    assertThat(g.hits("pass it on")).containsExactly("pass");
  }

  @Test
  void observeLetsTextThroughAndRecordsTheHits() {
    Guardrail g = guardrail(GuardrailMode.OBSERVE, GuardrailMode.DISABLED, "secret");
    GuardrailCheck check = g.check(Direction.INPUT, "the Secret is ada@example.com");
    assertThat(check).isEqualTo(new GuardrailCheck.Observed(List.of("secret", "email")));
    assertThat(check.textOr("orig")).isEqualTo("orig");
    assertThat(events)
        .containsExactly(
            new GuardrailEvent(
                Direction.INPUT,
                GuardrailMode.OBSERVE,
                GuardrailOutcome.OBSERVED,
                List.of("secret", "email")));
    assertThat(events.getFirst().name()).isEqualTo("guardrail.input.observed");
    assertThat(events.getFirst().fields())
        .containsEntry("direction", "input")
        .containsEntry("mode", "observe")
        .containsEntry("hits", List.of("secret", "email"))
        .containsEntry("hit_count", 2);
  }

  @Test
  void blockRefusesAndNamesTheDetectorNotTheSecret() {
    Guardrail g = guardrail(GuardrailMode.DISABLED, GuardrailMode.BLOCK);
    GuardrailCheck check = g.check(Direction.OUTPUT, "use " + Samples.AWS);
    assertThat(check).isEqualTo(new GuardrailCheck.Blocked(List.of("aws_access_key")));
    assertThat(check.toString()).doesNotContain(Samples.AWS);
    assertThat(events.getFirst().name()).isEqualTo("guardrail.output.blocked");
    assertThat(events.getFirst().toString()).doesNotContain(Samples.AWS);
  }

  @Test
  void redactReplacesEveryMatchLeftToRight() {
    Guardrail g = guardrail(GuardrailMode.REDACT, GuardrailMode.DISABLED, "api key");
    GuardrailCheck check =
        g.check(Direction.INPUT, "Share the API KEY " + Samples.OPENAI + " with ada@example.com.");
    assertThat(check.textOr("x")).isEqualTo("Share the [REDACTED] [REDACTED] with [REDACTED].");
    assertThat(check.hits()).containsExactly("api key", "openai_api_key", "email");
    assertThat(events.getFirst().name()).isEqualTo("guardrail.input.redacted");
  }

  @Test
  void overlappingMatchesAreReplacedOnce() {
    Guardrail g = guardrail(GuardrailMode.REDACT, GuardrailMode.REDACT, "ada");
    assertThat(g.redact("write ada@example.com")).isEqualTo("write [REDACTED]");
  }

  @Test
  void eachDirectionUsesItsOwnMode() {
    Guardrail g = guardrail(GuardrailMode.BLOCK, GuardrailMode.DISABLED, "secret");
    assertThat(g.check(Direction.INPUT, "secret")).isInstanceOf(GuardrailCheck.Blocked.class);
    assertThat(g.check(Direction.OUTPUT, "secret")).isInstanceOf(GuardrailCheck.Passed.class);
  }

  @Test
  void textWithoutMatchesPassesWithoutAnEvent() {
    Guardrail g = guardrail(GuardrailMode.BLOCK, GuardrailMode.BLOCK, "secret");
    assertThat(g.check(Direction.INPUT, "hello there")).isInstanceOf(GuardrailCheck.Passed.class);
    assertThat(events).isEmpty();
  }

  @Test
  void policyDropsBlankAndRepeatedTermsAndBuffersOnlyForBlockOrRedact() {
    GuardrailPolicy p =
        new GuardrailPolicy(
            GuardrailMode.DISABLED, GuardrailMode.OBSERVE, List.of(" a ", "", "a"), "#");
    assertThat(p.terms()).containsExactly("a");
    assertThat(p.buffersOutput()).isFalse();
    assertThat(
            new GuardrailPolicy(GuardrailMode.DISABLED, GuardrailMode.REDACT, List.of(), "#")
                .buffersOutput())
        .isTrue();
  }

  @Test
  void aMatchWithoutHitsIsRejected() {
    assertThatThrownBy(() -> new GuardrailCheck.Blocked(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hits");
  }
}
