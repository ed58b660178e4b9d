package dev.tau.core.provider;

import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;

/** What a streaming model call reports as it goes, in order. */
public sealed interface StreamEvent {

  /** A piece of answer text. */
  record TextDelta(String text) implements StreamEvent {}

  /** A tool call began; {@code index} orders parallel calls. */
  record ToolCallStarted(int index, String id, String name) implements StreamEvent {}

  /** A piece of a tool call's JSON arguments. */
  record ToolCallDelta(int index, String argumentsDelta) implements StreamEvent {}

  /** A tool call is complete with its full arguments. */
  record ToolCallDone(int index, ToolCall call) implements StreamEvent {}

  /** Usage reported by the vendor (may come once, at the end). */
  record UsageReported(Usage usage) implements StreamEvent {}

  /** The answer is complete. Always the last event of a successful stream. */
  record Completed(ModelResponse response) implements StreamEvent {}
}
