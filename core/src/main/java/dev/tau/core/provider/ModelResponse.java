package dev.tau.core.provider;

import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.Usage;
import java.util.Objects;

/**
 * A complete model answer.
 *
 * @param id the vendor's response id, or empty when the vendor gives none
 * @param model the model that answered, as the vendor reports it
 * @param message the assistant message (text and tool calls)
 * @param usage token usage
 * @param stopReason why generation stopped
 */
public record ModelResponse(
    String id, String model, Message.Assistant message, Usage usage, StopReason stopReason) {
  public ModelResponse {
    id = id == null ? "" : id;
    model = model == null ? "" : model;
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(stopReason, "stopReason");
  }
}
