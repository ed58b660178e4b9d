package dev.tau.core.provider;

import java.util.Objects;

/**
 * A {@code provider/model} id such as {@code openai/gpt-4o-mini}. A bare model name means {@code
 * openai}; everything after the first slash is the vendor's model name ({@code
 * openrouter/openai/gpt-4o-mini} is model {@code openai/gpt-4o-mini} on openrouter).
 */
public record ModelRef(String provider, String model) {
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("model id must look like provider/model");
    }
  }

  public static ModelRef parse(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("model id must not be empty (expected provider/model)");
    }
    String trimmed = id.strip();
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      return new ModelRef("openai", trimmed);
    }
    if (slash == 0 || slash == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "model id '"
              + trimmed
              + "' must look like provider/model, for example openai/gpt-4o-mini");
    }
    return new ModelRef(
        trimmed.substring(0, slash).toLowerCase(java.util.Locale.ROOT),
        trimmed.substring(slash + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
