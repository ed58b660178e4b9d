package dev.tau.agent;

import dev.tau.core.model.Usage;
import java.util.Objects;

/**
 * The usage of one model call.
 *
 * @param model the model that answered (as the vendor reports it, else the configured name)
 */
public record ModelUsage(String model, Usage usage) {
  public ModelUsage {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }
}
