package dev.tau.agent.policy;

import java.util.Objects;

/** What the {@link ToolPolicy} says about one tool call. A value, never an exception. */
public sealed interface PolicyDecision {

  /** The call may run without asking anyone. */
  record Allowed() implements PolicyDecision {}

  /** The call must not run; {@code reason} says which rule denied it. */
  record Denied(String reason) implements PolicyDecision {
    public Denied {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The call may run only if a {@link Confirmer} approves it. */
  record NeedsConfirmation(ConfirmationMode mode) implements PolicyDecision {
    public NeedsConfirmation {
      Objects.requireNonNull(mode, "mode");
    }
  }

  PolicyDecision ALLOWED = new Allowed();
}
