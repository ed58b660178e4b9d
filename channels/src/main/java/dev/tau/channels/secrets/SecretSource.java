package dev.tau.channels.secrets;

import java.util.Locale;

/** Where a channel secret came from (tau-spec §1.4 resolution order); serialised snake_case. */
public enum SecretSource {
  /** A flag or an environment variable. */
  CLI_OR_ENV,
  /** The integration store. */
  CREDENTIAL_STORE,
  /** The store exists but could not be read or decrypted. */
  CREDENTIAL_STORE_ERROR,
  /** The store has the id, revoked. */
  CREDENTIAL_STORE_REVOKED,
  /** Nowhere. */
  MISSING;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
