package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionKeysTest {
  @Test
  void charactersOutsideTheSafeSetBecomeUnderscoresAndEdgeUnderscoresAreTrimmed() {
    assertThat(SessionKeys.sanitize("  team/alpha:1 ").value()).isEqualTo("team_alpha_1");
    assertThat(SessionKeys.sanitize("__x__").value()).isEqualTo("x");
    assertThat(SessionKeys.sanitize("../../etc").value()).isEqualTo("etc");
  }

  @Test
  void anEmptySeedIsTheDefaultSession() {
    assertThat(SessionKeys.sanitize("").value()).isEqualTo("default");
    assertThat(SessionKeys.sanitize("///").value()).isEqualTo("default");
    assertThat(SessionKeys.sanitize(null).value()).isEqualTo("default");
  }

  @Test
  void longSeedsStayValidAndDistinct() {
    String a = "a".repeat(200) + "1";
    String b = "a".repeat(200) + "2";

    assertThat(SessionKeys.sanitize(a).value()).hasSize(128);
    assertThat(SessionKeys.sanitize(a)).isNotEqualTo(SessionKeys.sanitize(b));
  }
}
