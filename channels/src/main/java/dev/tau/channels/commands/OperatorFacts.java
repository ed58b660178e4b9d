package dev.tau.channels.commands;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the host process knows that the channels module does not: which provider credentials are
 * present and the host's own doctor checks (configuration, provider, session store, MCP servers).
 * The CLI implements it; the channels module never sees a CLI type or a credential value.
 */
public interface OperatorFacts {

  /** The providers {@code /tau auth status} reports, in order. */
  List<String> PROVIDERS = List.of("openai", "anthropic", "google");

  /**
   * Presence of the credentials of {@link #PROVIDERS}: present or missing and where they come from,
   * never the value.
   */
  List<CredentialPresence> providerCredentials();

  /**
   * The host's checks for {@code /tau doctor}; {@code online} adds bounded network checks (short
   * timeouts, no credentials sent).
   */
  List<DoctorCheck> doctorChecks(boolean online);

  /**
   * Removes any credential value the host knows from {@code text}; the command surface applies it
   * to every reply as a last line of defence.
   */
  default String redact(String text) {
    return text;
  }

  /**
   * One provider's credential.
   *
   * @param provider {@code openai}, {@code anthropic} or {@code google}
   * @param source where it was found ({@code env OPENAI_API_KEY}, {@code profile 'work'}); when
   *     missing, what to set
   */
  record CredentialPresence(String provider, boolean present, String source) {
    public CredentialPresence {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(source, "source");
    }
  }

  /** How one doctor check ended. */
  enum CheckStatus {
    OK,
    WARN,
    FAIL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One doctor check line: name, status and a short detail (no credential values). */
  record DoctorCheck(String name, CheckStatus status, String detail) {
    public DoctorCheck {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
