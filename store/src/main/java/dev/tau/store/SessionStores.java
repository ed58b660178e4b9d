package dev.tau.store;

import dev.tau.core.error.InputException;
import dev.tau.core.session.SessionStore;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.store.sqlite.SqliteSessionStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the session store named by {@code --session-backend} and {@code --session-db-url}.
 *
 * <pre>{@code
 * try (SessionStore store = SessionStores.open("sqlite", "sqlite://.tau/sessions.db", clock)) {
 *   store.append(SessionId.of("demo"), List.of(event));
 * }
 * }</pre>
 */
public final class SessionStores {
  /** The database used when {@code --session-db-url} is not given. */
  public static final String DEFAULT_URL = "sqlite://.tau/sessions.db";

  private static final String SQLITE_FORMS = "'sqlite://<path>' or 'sqlite:<path>'";
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private SessionStores() {}

  /**
   * Opens a store.
   *
   * @param backend {@code memory} or {@code sqlite} (case-insensitive); {@code null} means {@code
   *     sqlite}
   * @param url for {@code sqlite}: {@code sqlite://<path>} or {@code sqlite:<path>}, where a
   *     relative path resolves against the working directory; {@code null} means {@link
   *     #DEFAULT_URL}. The {@code memory} backend ignores it.
   * @throws InputException when the backend or URL is malformed, naming the flag
   * @throws dev.tau.core.session.StoreException when the store cannot be opened
   */
  public static SessionStore open(String backend, String url, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return switch (SessionBackend.fromFlag(backend)) {
      case MEMORY -> new InMemorySessionStore(clock);
      case SQLITE -> SqliteSessionStore.open(sqlitePath(url), clock);
    };
  }

  /** The absolute database path of a SQLite URL. Never echoes the URL back in an error. */
  static Path sqlitePath(String url) {
    String value = url == null ? DEFAULT_URL : url;
    String rest;
    if (value.regionMatches(true, 0, "sqlite://", 0, "sqlite://".length())) {
      rest = value.substring("sqlite://".length());
    } else if (value.regionMatches(true, 0, "sqlite:", 0, "sqlite:".length())) {
      rest = value.substring("sqlite:".length());
    } else {
      // Only the scheme is quoted: a URL meant for another backend may carry a password.
      Matcher scheme = SCHEME.matcher(value);
      String got =
          scheme.find() ? "a URL with scheme '" + scheme.group(1) + "'" : "a value with no scheme";
      throw new InputException(
          "--session-db-url must be " + SQLITE_FORMS + " for --session-backend sqlite, got " + got);
    }
    int extra = firstOf(rest, '?', '#');
    if (extra >= 0) {
      // Not quoted: a query string is where a credential would sit.
      throw new InputException(
          "--session-db-url has a "
              + (rest.charAt(extra) == '?' ? "query string ('?…')" : "fragment ('#…')")
              + ", which the sqlite backend does not take; give only the file path, e.g. "
              + DEFAULT_URL
              + " (file names with '?' or '#' are not supported)");
    }
    if (rest.isBlank()) {
      throw new InputException(
          "--session-db-url has no file path: use " + SQLITE_FORMS + ", e.g. " + DEFAULT_URL);
    }
    try {
      return Path.of(rest).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InputException(
          "--session-db-url path '" + rest + "' is not a valid file path: " + e.getReason(), e);
    }
  }

  private static int firstOf(String text, char a, char b) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == a || text.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }
}
