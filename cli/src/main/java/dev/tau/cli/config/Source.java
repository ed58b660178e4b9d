package dev.tau.cli.config;

/** Where a resolved setting came from, in precedence order. */
public enum Source {
  FLAG,
  ENV,
  PROFILE,
  DEFAULT;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
