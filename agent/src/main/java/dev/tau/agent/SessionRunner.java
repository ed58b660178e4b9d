package dev.tau.agent;

import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Runs an {@link Agent} inside a stored session: loads the session's messages, runs one input, then
 * appends the input, every new message and one {@code UsageRecorded} per model call (right after
 * the assistant message it produced) in a single {@link SessionStore#append}. Two runs with the
 * same session id therefore share history.
 *
 * <p>A run that failed or was cancelled before the model answered adds nothing, so retrying the
 * same input does not leave it twice in the session.
 */
public final class SessionRunner {
  private final SessionStore store;
  private final Agent agent;
  private final Clock clock;

  public SessionRunner(SessionStore store, Agent agent, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The session's messages in order (empty for a new session). */
  public List<Message> history(SessionId id) {
    List<Message> messages = new ArrayList<>();
    for (StoredEvent stored : store.events(id)) {
      if (stored.event() instanceof SessionEvent.MessageAppended appended) {
        messages.add(appended.message());
      }
    }
    return messages;
  }

  /**
   * Runs {@code input} in session {@code id} and persists the exchange.
   *
   * @throws dev.tau.core.session.StoreException when the store cannot be read or written
   */
  public AgentOutcome run(
      SessionId id, Message.User input, AgentListener listener, Cancellation cancel) {
    AgentOutcome outcome = agent.run(history(id), input, listener, cancel);
    // Completed and LimitReached always carry new messages; failed runs may not. A cancelled run
    // keeps what the person said even when the model had not answered yet: cancelling is their
    // choice, and their prompt should be in the history they resume.
    if (!outcome.newMessages().isEmpty() || outcome instanceof AgentOutcome.Cancelled) {
      store.append(id, events(input, outcome, clock.instant()));
    }
    return outcome;
  }

  private static List<SessionEvent> events(Message.User input, AgentOutcome outcome, Instant at) {
    List<SessionEvent> events = new ArrayList<>();
    events.add(new SessionEvent.MessageAppended(at, input));
    Iterator<ModelUsage> usages = outcome.stats().modelCalls().iterator();
    for (Message message : outcome.newMessages()) {
      events.add(new SessionEvent.MessageAppended(at, message));
      if (message instanceof Message.Assistant && usages.hasNext()) {
        ModelUsage usage = usages.next();
        events.add(new SessionEvent.UsageRecorded(at, usage.model(), usage.usage()));
      }
    }
    // Every answered model call produced one assistant message, so nothing is left here; this
    // keeps usage from being lost should that ever change.
    usages.forEachRemaining(
        u -> events.add(new SessionEvent.UsageRecorded(at, u.model(), u.usage())));
    return events;
  }
}
