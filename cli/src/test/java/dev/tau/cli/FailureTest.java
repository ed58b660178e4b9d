package dev.tau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionNotFoundException;
import dev.tau.core.session.StoreException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureTest {
  @Test
  void providerFailuresExitWithTheProviderCode() {
    assertThat(
            Failure.of(new ProviderException.AuthFailed("openai", 401, "openai returned HTTP 401")))
        .extracting(Failure::exitCode, Failure::code)
        .containsExactly(ExitCode.PROVIDER, "provider_auth_failed");
    assertThat(
            Failure.of(
                    new ProviderException.RateLimited(
                        "openai", 429, "slow down", Duration.ofSeconds(2)))
                .exitCode())
        .isEqualTo(ExitCode.PROVIDER);
    assertThat(
            Failure.of(new ProviderException.NotConfigured("anthropic", "set ANTHROPIC_API_KEY"))
                .hint())
        .contains("API key");
  }

  @Test
  void storeInputCancelAndBugsEachHaveTheirCode() {
    assertThat(Failure.of(new StoreException("cannot open")).exitCode()).isEqualTo(ExitCode.STORE);
    assertThat(Failure.of(new SessionNotFoundException(SessionId.of("s"))).exitCode())
        .isEqualTo(ExitCode.STORE);
    assertThat(Failure.of(new InputException("bad value")).exitCode()).isEqualTo(ExitCode.INPUT);
    assertThat(Failure.of(new CancelledException()).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    Failure bug = Failure.of(new IllegalStateException("boom"));
    assertThat(bug.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(bug.message()).isEqualTo("IllegalStateException: boom");
    assertThat(bug.hint()).contains("--verbose");
  }

  @Test
  void everyExitCodeIsInTheDocumentedTable() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/cli.md"));
    for (ExitCode code : ExitCode.values()) {
      String category = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      assertThat(doc)
          .as("docs/cli.md lists exit code %s", code)
          .containsPattern("\\| " + code.code() + " \\| " + category + " \\|");
    }
  }
}
