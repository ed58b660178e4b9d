package dev.tau.cli.config;

import java.util.Objects;

/** A provider key from a profile. {@link #toString()} never shows it. */
public record ApiKey(String value) {
  public ApiKey {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "ApiKey[<redacted>]";
  }
}
