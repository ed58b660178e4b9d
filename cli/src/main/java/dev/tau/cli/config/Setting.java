package dev.tau.cli.config;

import java.util.Objects;

/**
 * A resolved value with its {@link Source}, so {@code doctor} can say where each value came from.
 */
public record Setting<T>(T value, Source source) {
  public Setting {
    Objects.requireNonNull(source, "source");
  }

  /** The first present value of flag, env, profile, else the default. */
  static <T> Setting<T> first(T flag, T env, T profile, T fallback) {
    if (flag != null) {
      return new Setting<>(flag, Source.FLAG);
    }
    if (env != null) {
      return new Setting<>(env, Source.ENV);
    }
    if (profile != null) {
      return new Setting<>(profile, Source.PROFILE);
    }
    return new Setting<>(fallback, Source.DEFAULT);
  }
}
