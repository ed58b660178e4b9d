package dev.tau.core.session;

import java.util.Objects;
import java.util.regex.Pattern;

/** A session id: 1–128 characters of letters, digits and {@code . _ : @ -}. */
public record SessionId(String value) {
  private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._:@-]{1,128}$");

  /** The id used when none is given. */
  public static final SessionId DEFAULT = new SessionId("default-session");

  public SessionId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "session id '"
              + value
              + "' is invalid: use 1-128 letters, digits, '.', '_', ':', '@' or '-'");
    }
  }

  public static SessionId of(String value) {
    return new SessionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
