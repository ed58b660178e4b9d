package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.session.SessionId;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionLocksTest {
  final SessionLocks locks = new SessionLocks();
  final SessionId a = SessionId.of("a");

  @Test
  void aHeldSessionRefusesASecondTurnAfterTheWaitWithSessionBusy() {
    try (SessionLocks.Lease held = locks.acquire(a, Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> locks.acquire(a, Duration.ofMillis(10)))
          .isInstanceOfSatisfying(
              ApiError.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SESSION_BUSY);
                assertThat(e.code().status()).isEqualTo(409);
                assertThat(e.retryAfter()).isNotNull();
              });
    }
  }

  @Test
  void otherSessionsAreIndependentAndReleasedSessionsAreForgotten() {
    try (SessionLocks.Lease held = locks.acquire(a, Duration.ofSeconds(1));
        SessionLocks.Lease other = locks.acquire(SessionId.of("b"), Duration.ofMillis(10))) {
      assertThat(locks.size()).isEqualTo(2);
    }
    assertThat(locks.size()).isZero();
    try (SessionLocks.Lease again = locks.acquire(a, Duration.ofMillis(10))) {
      assertThat(locks.size()).isEqualTo(1);
    }
  }

  @Test
  void closingALeaseTwiceReleasesOnce() {
    SessionLocks.Lease lease = locks.acquire(a, Duration.ofSeconds(1));
    lease.close();
    lease.close();
    try (SessionLocks.Lease first = locks.acquire(a, Duration.ofMillis(10))) {
      assertThatThrownBy(() -> locks.acquire(a, Duration.ofMillis(10)))
          .isInstanceOf(ApiError.class);
    }
  }
}
