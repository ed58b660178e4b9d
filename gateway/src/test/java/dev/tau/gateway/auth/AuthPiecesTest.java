package dev.tau.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.testkit.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthPiecesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @Test
  void secretsMatchTrimmedValuesAndNeverPrintThemselves() {
    Secret secret = Secret.of("  s3cret ");
    assertThat(secret.matches("s3cret")).isTrue();
    assertThat(secret.matches(" s3cret\n")).isTrue();
    assertThat(secret.matches("s3cre")).isFalse();
    assertThat(secret.matches(null)).isFalse();
    assertThat(secret.toString()).doesNotContain("s3cret");
    assertThat(Secret.of("  ").matches("")).isFalse();
  }

  @Test
  void bearerNeedsTheExactPrefix() {
    assertThat(Authenticator.bearer("Bearer abc ")).isEqualTo("abc");
    assertThat(Authenticator.bearer("bearer abc")).isNull();
    assertThat(Authenticator.bearer("Bearer   ")).isNull();
    assertThat(Authenticator.bearer(null)).isNull();
  }

  @Test
  void tokenModeAllowsOnlyTheConfiguredTokenAndCountsFailures() {
    Authenticator auth =
        new Authenticator(
            AuthMode.TOKEN, Secret.of("tok"), new SessionTokens(Duration.ofHours(1), clock));
    assertThat(auth.check("Bearer tok")).isEqualTo(new Authenticator.Result.Allowed("token"));
    assertThat(auth.check("Bearer nope")).isInstanceOf(Authenticator.Result.Denied.class);
    assertThat(auth.check(null)).isInstanceOf(Authenticator.Result.Denied.class);
    assertThat(auth.failureCount()).isEqualTo(2);
  }

  @Test
  void sessionTokensAreRandomAndExpireAtTheirTtl() {
    SessionTokens tokens = new SessionTokens(Duration.ofSeconds(60), clock);
    SessionTokens.Issued a = tokens.issue();
    SessionTokens.Issued b = tokens.issue();
    assertThat(a.token())
        .startsWith("tau_sess_")
        .hasSize("tau_sess_".length() + 64)
        .isNotEqualTo(b.token());
    assertThat(a.toString()).doesNotContain(a.token());
    Authenticator auth = new Authenticator(AuthMode.PASSWORD_SESSION, Secret.of(""), tokens);
    assertThat(auth.check("Bearer " + a.token())).isInstanceOf(Authenticator.Result.Allowed.class);
    clock.advance(Duration.ofSeconds(59));
    assertThat(tokens.isLive(a.token())).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.isLive(a.token())).isFalse();
    assertThat(auth.check("Bearer " + a.token())).isInstanceOf(Authenticator.Result.Denied.class);
    assertThat(tokens.activeCount()).isZero();
    assertThat(tokens.totalIssued()).isEqualTo(2);
  }

  @Test
  void rateLimiterAllowsMaxPerWindowThenSaysWhenToRetry() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(60), clock);
    assertThat(limiter.check("p")).isInstanceOf(RateLimiter.Decision.Accepted.class);
    assertThat(limiter.check("p")).isInstanceOf(RateLimiter.Decision.Accepted.class);
    clock.advance(Duration.ofSeconds(15));
    assertThat(limiter.check("p"))
        .isEqualTo(new RateLimiter.Decision.Limited(Duration.ofSeconds(45)));
    assertThat(limiter.check("other")).isInstanceOf(RateLimiter.Decision.Accepted.class);
    clock.advance(Duration.ofSeconds(45));
    assertThat(limiter.check("p")).isInstanceOf(RateLimiter.Decision.Accepted.class);
    assertThat(limiter.limitedCount()).isEqualTo(1);
  }

  @Test
  void authModesParseByWireNameAndNameTheFlagOtherwise() {
    assertThat(AuthMode.parse("password-session")).isEqualTo(AuthMode.PASSWORD_SESSION);
    assertThatThrownBy(() -> AuthMode.parse("open"))
        .hasMessageContaining("--gateway-openresponses-auth-mode")
        .hasMessageContaining("localhost-dev|token|password-session");
  }
}
