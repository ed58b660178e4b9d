package dev.tau.core.session;

import dev.tau.core.model.Message;
import dev.tau.core.model.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a session's ordered log. Messages carry tool calls (assistant) and tool results
 * (tool); usage entries record what each model call cost.
 */
public sealed interface SessionEvent {

  /** When the event was recorded. */
  Instant at();

  /** A message appended to the conversation. */
  record MessageAppended(Instant at, Message message) implements SessionEvent {
    public MessageAppended {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Token usage of one model call. */
  record UsageRecorded(Instant at, String model, Usage usage) implements SessionEvent {
    public UsageRecorded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /** A short wire name for the kind of event. */
  default String kind() {
    return switch (this) {
      case MessageAppended m -> "message";
      case UsageRecorded u -> "usage";
    };
  }
}
