package dev.tau.guardrails;

import dev.tau.agent.AgentOutcome;
import java.util.List;
import java.util.Objects;

/** How a guarded run ended: refused on the way in, refused on the way out, or ran. */
public sealed interface GuardedRun {

  /** The input guardrail blocked the prompt; the model was not called and nothing was stored. */
  record InputBlocked(List<String> hits) implements GuardedRun {
    public InputBlocked {
      hits = List.copyOf(hits);
    }

    /** The message to show a person or client. */
    public String message() {
      return "guardrail blocked input content due to matched terms";
    }
  }

  /** The output guardrail blocked the answer; none of its text was passed on. */
  record OutputBlocked(List<String> hits, AgentOutcome outcome) implements GuardedRun {
    public OutputBlocked {
      hits = List.copyOf(hits);
      Objects.requireNonNull(outcome, "outcome");
    }

    /** The message to show a person or client. */
    public String message() {
      return "guardrail blocked output content due to matched terms";
    }
  }

  /**
   * The run went through; in redact mode a {@link AgentOutcome.Completed} carries the redacted
   * answer.
   */
  record Ran(AgentOutcome outcome) implements GuardedRun {
    public Ran {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
