package dev.tau.guardrails;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.SessionRunner;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionId;
import java.util.List;
import java.util.Objects;

/**
 * The one place a surface applies guardrails to an agent run: the input is checked before the model
 * is called, and each turn's answer text is checked before the listener sees it.
 *
 * <p>When output is in block or redact mode, text deltas are held back until the turn's text is
 * complete and checked, so a reply is never half-sent and then blocked; the listener then gets one
 * {@link AgentEvent.TextDelta} with the checked (possibly redacted) text, or none when blocked.
 * Otherwise deltas stream through as they come and the text is checked (observed) at turn end.
 */
public final class GuardedRunner {
  private final SessionRunner runner;
  private final Guardrail guardrail;

  public GuardedRunner(SessionRunner runner, Guardrail guardrail) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.guardrail = Objects.requireNonNull(guardrail, "guardrail");
  }

  public Guardrail guardrail() {
    return guardrail;
  }

  /** Runs {@code input} in session {@code id} with both guardrails applied. */
  public GuardedRun run(
      SessionId id, Message.User input, AgentListener listener, Cancellation cancel) {
    GuardrailCheck in = checkInput(input);
    if (in instanceof GuardrailCheck.Blocked blocked) {
      return new GuardedRun.InputBlocked(blocked.hits());
    }
    return runChecked(id, checkedInput(input, in), listener, cancel);
  }

  /**
   * Applies the input guardrail alone (reporting a match), for a surface that must refuse before it
   * starts answering, such as an HTTP stream; pass {@link #checkedInput} to {@link #runChecked}.
   */
  public GuardrailCheck checkInput(Message.User input) {
    return guardrail.check(Direction.INPUT, input.text());
  }

  /** {@code input} as the model may see it after {@code check}: redacted when it was. */
  public Message.User checkedInput(Message.User input, GuardrailCheck check) {
    return check instanceof GuardrailCheck.Redacted ? guardrail.redact(input) : input;
  }

  /**
   * Runs an input that already passed {@link #checkInput}, applying the output guardrail only.
   * Never returns {@link GuardedRun.InputBlocked}.
   */
  public GuardedRun runChecked(
      SessionId id, Message.User checkedInput, AgentListener listener, Cancellation cancel) {
    OutputGate gate = new OutputGate(listener);
    AgentOutcome outcome = runner.run(id, checkedInput, gate, cancel);
    if (gate.blockedHits != null) {
      return new GuardedRun.OutputBlocked(gate.blockedHits, outcome);
    }
    if (gate.redacted && outcome instanceof AgentOutcome.Completed c) {
      outcome =
          new AgentOutcome.Completed(
              guardrail.redact(c.text()), c.stopReason(), c.newMessages(), c.stats());
    }
    return new GuardedRun.Ran(outcome);
  }

  /** Holds or passes text deltas per turn and checks each turn's text once. */
  private final class OutputGate implements AgentListener {
    private final AgentListener downstream;
    private final boolean buffer = guardrail.policy().buffersOutput();
    private final StringBuilder turnText = new StringBuilder();
    private List<String> blockedHits;
    private boolean redacted;

    OutputGate(AgentListener downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onEvent(AgentEvent event) {
      if (event instanceof AgentEvent.TextDelta delta) {
        turnText.append(delta.text());
        if (!buffer) {
          downstream.onEvent(delta);
        }
        return;
      }
      flush();
      downstream.onEvent(event);
    }

    private void flush() {
      if (turnText.isEmpty()) {
        return;
      }
      String text = turnText.toString();
      turnText.setLength(0);
      GuardrailCheck check = guardrail.check(Direction.OUTPUT, text);
      if (!buffer) {
        return;
      }
      switch (check) {
        case GuardrailCheck.Blocked b -> {
          if (blockedHits == null) {
            blockedHits = b.hits();
          }
        }
        case GuardrailCheck.Redacted r -> {
          redacted = true;
          if (blockedHits == null) {
            downstream.onEvent(new AgentEvent.TextDelta(r.text()));
          }
        }
        default -> {
          if (blockedHits == null) {
            downstream.onEvent(new AgentEvent.TextDelta(text));
          }
        }
      }
    }
  }
}
