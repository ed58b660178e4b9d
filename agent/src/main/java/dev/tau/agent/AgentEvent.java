package dev.tau.agent;

import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.tool.ToolResult;
import java.util.Objects;

/**
 * What a run reports as it goes, on the run's thread, in this order per turn: {@link TurnStarted},
 * {@link TextDelta}s, {@link UsageReported}, then for each tool call {@link ToolCallStarted} and
 * {@link ToolCallFinished}, then {@link TurnFinished}. With parallel tool calls, all {@code
 * ToolCallStarted} come before the first {@code ToolCallFinished}. {@link Error} comes just before
 * the {@code TurnFinished} of a turn whose model call failed, or just before the {@code
 * ToolCallFinished} of a tool that crashed. {@link RunFinished} is always last.
 */
public sealed interface AgentEvent {

  /** A turn (one model call and its tool calls) began; turns count from 1. */
  record TurnStarted(int turn) implements AgentEvent {}

  /** A piece of answer text (the whole text at once when streaming is off). */
  record TextDelta(String text) implements AgentEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * This turn's model call answered.
   *
   * @param usage the call's token usage
   * @param model the model that answered as the vendor reports it, empty when it does not say
   * @param stopReason why the model stopped
   */
  record UsageReported(Usage usage, String model, StopReason stopReason) implements AgentEvent {
    public UsageReported {
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(stopReason, "stopReason");
    }
  }

  /** A tool call is about to run (or be refused). */
  record ToolCallStarted(ToolCall call) implements AgentEvent {
    public ToolCallStarted {
      Objects.requireNonNull(call, "call");
    }
  }

  /** A tool call ended with {@code result} after {@code durationMs} (0 when refused). */
  record ToolCallFinished(ToolCall call, ToolResult result, long durationMs) implements AgentEvent {
    public ToolCallFinished {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(result, "result");
    }
  }

  /** The turn ended. */
  record TurnFinished(int turn) implements AgentEvent {}

  /**
   * Something failed: a model call ({@code code} is the provider's, e.g. {@code
   * provider_rate_limited}) or a tool crashed ({@code tool_crashed}).
   */
  record Error(String code, String message) implements AgentEvent {
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The run ended; always the last event. */
  record RunFinished(AgentOutcome outcome) implements AgentEvent {
    public RunFinished {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
