package dev.tau.testkit.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records the events of an agent run in order, for asserting the exact sequence, and can act when a
 * chosen event arrives (for example cancel the run on the first text delta).
 *
 * <p>Generic in the event type because the testkit must not depend on the agent module (the agent
 * module's tests depend on the testkit). Pass it as a listener with a method reference: {@code
 * agent.run(history, input, recorder::accept, cancel)}.
 *
 * @param <E> the event type, {@code dev.tau.agent.AgentEvent}
 */
public final class RecordingAgentListener<E> implements Consumer<E> {
  private final List<E> events = new CopyOnWriteArrayList<>();
  private final List<Trigger<E>> triggers = new CopyOnWriteArrayList<>();

  private record Trigger<E>(Predicate<? super E> when, Consumer<? super E> action) {}

  @Override
  public void accept(E event) {
    events.add(Objects.requireNonNull(event, "event"));
    for (Trigger<E> trigger : triggers) {
      if (trigger.when().test(event)) {
        // Each trigger fires once, on the first matching event.
        if (triggers.remove(trigger)) {
          trigger.action().accept(event);
        }
      }
    }
  }

  /**
   * Runs {@code action} (on the run's thread) when the first event matching {@code when} arrives.
   */
  public RecordingAgentListener<E> onFirst(Predicate<? super E> when, Consumer<? super E> action) {
    triggers.add(new Trigger<>(when, action));
    return this;
  }

  /** Every event so far, in order. */
  public List<E> events() {
    return List.copyOf(events);
  }

  /** The events of one type, in order. */
  public <T extends E> List<T> ofType(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (E e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /**
   * The simple class name of each event, in order ({@code TurnStarted}, {@code TextDelta}, ...).
   */
  public List<String> kinds() {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  /**
   * Waits until an event matching {@code when} has been recorded (for tests that act from another
   * thread).
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  public E await(Predicate<? super E> when, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (E e : events) {
        if (when.test(e)) {
          return e;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no matching event within " + timeout + "; got " + kinds());
  }
}
