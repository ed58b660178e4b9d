package dev.tau.agent;

import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ProviderException;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended. Every outcome carries the run's new messages (assistant messages with their tool
 * calls, tool results, the final answer; not the input) so the caller can persist them. The
 * messages are always well-formed: every tool call has a matching tool result.
 */
public sealed interface AgentOutcome {

  /** Messages the run added, in order (the user input is not included). */
  List<Message> newMessages();

  RunStats stats();

  /** Usage summed over the run's model calls. */
  default Usage usage() {
    return stats().usage();
  }

  /**
   * A stable snake_case name: {@code completed}, {@code limit_reached}, {@code cancelled}, {@code
   * failed}.
   */
  default String kind() {
    return switch (this) {
      case Completed c -> "completed";
      case LimitReached l -> "limit_reached";
      case Cancelled c -> "cancelled";
      case Failed f -> "failed";
    };
  }

  /** The model gave a final answer (a reply without tool calls). */
  record Completed(String text, StopReason stopReason, List<Message> newMessages, RunStats stats)
      implements AgentOutcome {
    public Completed {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(stopReason, "stopReason");
      newMessages = List.copyOf(newMessages);
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * A limit stopped the run before a final answer; {@code message} says which and how to raise it.
   */
  record LimitReached(RunLimit limit, String message, List<Message> newMessages, RunStats stats)
      implements AgentOutcome {
    public LimitReached {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(message, "message");
      newMessages = List.copyOf(newMessages);
      Objects.requireNonNull(stats, "stats");
    }
  }

  /** The caller cancelled; messages finished before the cancel are kept. */
  record Cancelled(List<Message> newMessages, RunStats stats) implements AgentOutcome {
    public Cancelled {
      newMessages = List.copyOf(newMessages);
      Objects.requireNonNull(stats, "stats");
    }
  }

  /** A model call failed; {@link ProviderException#retryable()} says whether to try again. */
  record Failed(ProviderException error, List<Message> newMessages, RunStats stats)
      implements AgentOutcome {
    public Failed {
      Objects.requireNonNull(error, "error");
      newMessages = List.copyOf(newMessages);
      Objects.requireNonNull(stats, "stats");
    }
  }
}
