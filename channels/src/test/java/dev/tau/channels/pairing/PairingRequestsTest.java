package dev.tau.channels.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.access.PairingPolicy;
import dev.tau.core.json.Json;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairingRequestsTest {
  @TempDir Path security;
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));

  private PairingRequests requests(int maxCodes) {
    return requests(maxCodes, 3 * maxCodes);
  }

  private PairingRequests requests(int maxCodes, int maxCodesGlobal) {
    return new PairingRequests(
        security,
        clock,
        new SplittableRandom(7),
        Duration.ofMinutes(30),
        maxCodes,
        maxCodesGlobal,
        Duration.ofMinutes(10));
  }

  @Test
  void aStrangerGetsOneCodeAndApprovalPairsThem() throws Exception {
    PairingRequests pairing = requests(5);
    var issued = (PairingOutcome.Issued) pairing.request("telegram:chat-9", "user-9", "Nine");
    assertThat(issued.code()).hasSize(8).matches("[A-HJKMNP-Z2-9]{8}");
    assertThat(issued.expiresUnixMs()).isEqualTo(1_000_000 + 30 * 60_000);
    var again = pairing.request("telegram:chat-9", "USER-9", "Nine");
    assertThat(again).isEqualTo(new PairingOutcome.Pending(issued.code(), issued.expiresUnixMs()));

    var wrong = pairing.approve("telegram:chat-9", "AAAA-AAAA", "ops", Duration.ZERO);
    assertThat(wrong).isInstanceOf(PairingRequests.Approval.UnknownCode.class);
    var approved =
        pairing.approve(
            "telegram:chat-9",
            PairingRequests.display(issued.code()).toLowerCase(),
            "ops",
            Duration.ZERO);
    assertThat(approved).isInstanceOf(PairingRequests.Approval.Approved.class);
    assertThat(pairing.pending()).isEmpty();
    var entry =
        Json.parse(Files.readString(security.resolve("pairings.json"))).path("pairings").get(0);
    assertThat(entry.path("actor_id").asString()).isEqualTo("user-9");
    assertThat(entry.path("paired_by").asString()).isEqualTo("ops");
    // the file is one the access decision loads
    PairingPolicy.load(security, security.getParent());
    assertThat(pairing.revoke("telegram:chat-9", "user-9")).isEqualTo(1);
    assertThat(pairing.pairings()).isEmpty();
  }

  @Test
  void codesExpireAndCannotBeApprovedLate() {
    PairingRequests pairing = requests(5);
    var issued = (PairingOutcome.Issued) pairing.request("discord:dm-1", "u1", "");
    clock.advance(Duration.ofMinutes(31));
    assertThat(pairing.approve("discord:dm-1", issued.code(), "ops", Duration.ZERO))
        .isInstanceOf(PairingRequests.Approval.UnknownCode.class);
    assertThat(pairing.request("discord:dm-1", "u1", "")).isInstanceOf(PairingOutcome.Issued.class);
  }

  @Test
  void strangersCannotFloodTheRequestFile() {
    PairingRequests pairing = requests(3);
    for (int i = 0; i < 3; i++) {
      assertThat(pairing.request("whatsapp:p", "u" + i, ""))
          .isInstanceOf(PairingOutcome.Issued.class);
    }
    var limited = pairing.request("whatsapp:p", "u-flood", "");
    assertThat(limited).isInstanceOf(PairingOutcome.RateLimited.class);
    assertThat(((PairingOutcome.RateLimited) limited).retryAfterMs()).isEqualTo(600_000);
    assertThat(pairing.pending()).hasSize(3);
    clock.advance(Duration.ofMinutes(11));
    assertThat(pairing.request("whatsapp:p", "u-flood", ""))
        .isInstanceOf(PairingOutcome.Issued.class);
  }

  @Test
  void aFloodOnOneTransportDoesNotLockOutAnotherButTheGlobalCapHolds() {
    PairingRequests pairing = requests(3, 5);
    for (int i = 0; i < 10; i++) {
      pairing.request("whatsapp:p", "flood-" + i, "");
    }
    assertThat(pairing.pending()).hasSize(3);
    assertThat(pairing.request("telegram:555", "real-user", ""))
        .as("another transport still gets a code")
        .isInstanceOf(PairingOutcome.Issued.class);
    assertThat(pairing.request("discord:dm-1", "other", ""))
        .isInstanceOf(PairingOutcome.Issued.class);
    assertThat(pairing.request("discord:dm-2", "third", ""))
        .as("5 codes in the window across all transports")
        .isInstanceOf(PairingOutcome.RateLimited.class);
  }

  @Test
  void concurrentRequestsFromTwoWritersLoseNoCode() throws Exception {
    PairingRequests runner = requests(1000);
    PairingRequests cli = requests(1000);
    int each = 40;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < each; i++) {
        int n = i;
        pool.submit(() -> runner.request("telegram:1", "runner-" + n, ""));
        pool.submit(() -> cli.request("discord:2", "cli-" + n, ""));
      }
    }
    assertThat(runner.pending()).hasSize(2 * each);
    assertThat(security.resolve(PairingRequests.LOCK_FILE)).exists();
  }

  @Test
  void theFilesAndTheSecurityDirectoryAreOwnerOnly() throws Exception {
    Path fresh = security.resolve("state/security");
    PairingRequests pairing =
        new PairingRequests(
            fresh,
            clock,
            new SplittableRandom(7),
            Duration.ofMinutes(30),
            5,
            5,
            Duration.ofMinutes(10));
    var issued = (PairingOutcome.Issued) pairing.request("telegram:1", "u", "");
    pairing.approve("telegram:1", issued.code(), "ops", Duration.ZERO);
    pairing.request("telegram:1", "v", "");
    assertThat(perms(fresh)).isEqualTo("rwx------");
    assertThat(perms(fresh.resolve(PairingRequests.REQUESTS_FILE))).isEqualTo("rw-------");
    assertThat(perms(fresh.resolve(PairingPolicy.PAIRINGS_FILE))).isEqualTo("rw-------");
    assertThat(perms(fresh.resolve(PairingRequests.LOCK_FILE))).isEqualTo("rw-------");
  }

  private static String perms(Path path) throws Exception {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path));
  }
}
