package dev.tau.gateway.responses;

import dev.tau.core.model.Usage;
import dev.tau.gateway.http.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** How one agent turn ended, as the model-facing API reports it. */
sealed interface TurnResult {
  List<OutputItem> output();

  Usage usage();

  /** The text of the output's messages, separated by blank lines. */
  default String outputText() {
    return output().stream()
        .filter(OutputItem.Message.class::isInstance)
        .map(i -> ((OutputItem.Message) i).text())
        .filter(t -> !t.isBlank())
        .collect(Collectors.joining("\n\n"));
  }

  /**
   * The model answered, or (when {@code functionCalls}) called client functions that the client
   * must now run.
   */
  record Completed(List<OutputItem> output, Usage usage, boolean functionCalls)
      implements TurnResult {
    public Completed {
      output = List.copyOf(output);
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * A limit ended the answer early: {@code reason} is {@code max_output_tokens}, {@code
   * content_filter}, {@code max_turns} or {@code max_tool_calls}.
   */
  record Incomplete(List<OutputItem> output, Usage usage, String reason) implements TurnResult {
    public Incomplete {
      output = List.copyOf(output);
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The run failed: the provider, the session store, or a shutdown. */
  record Failed(List<OutputItem> output, Usage usage, ErrorCode code, String message)
      implements TurnResult {
    public Failed {
      output = List.copyOf(output);
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The client went away and the run was cancelled; nobody is listening for the result. */
  record Abandoned(List<OutputItem> output, Usage usage) implements TurnResult {
    public Abandoned {
      output = List.copyOf(output);
      Objects.requireNonNull(usage, "usage");
    }
  }
}
