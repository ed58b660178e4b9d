package dev.tau.store;

import dev.tau.core.error.InputException;
import java.util.Locale;

/** Where sessions are kept, as chosen with {@code --session-backend}. */
public enum SessionBackend {
  /** In this process only; lost when it exits. */
  MEMORY,
  /** One SQLite file on this machine. */
  SQLITE;

  /** The flag value, lower-case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a {@code --session-backend} value (case-insensitive); {@code null} means {@link #SQLITE},
   * the default.
   *
   * @throws InputException naming the flag and the accepted values
   */
  public static SessionBackend fromFlag(String value) {
    if (value == null) {
      return SQLITE;
    }
    for (SessionBackend backend : values()) {
      if (backend.wire().equalsIgnoreCase(value.strip())) {
        return backend;
      }
    }
    throw new InputException(
        "--session-backend must be one of " + accepted() + ", got '" + value + "'");
  }

  private static String accepted() {
    StringBuilder names = new StringBuilder();
    for (SessionBackend backend : values()) {
      names.append(names.isEmpty() ? "" : ", ").append('\'').append(backend.wire()).append('\'');
    }
    return names.toString();
  }
}
