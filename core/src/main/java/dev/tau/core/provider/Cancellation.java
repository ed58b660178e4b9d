package dev.tau.core.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation signal shared by the caller and the running work. Work registers an abort action
 * (for example closing an HTTP body) that runs when the caller cancels.
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  /** A token that is never cancelled. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Cancels once; registered actions run on the calling thread. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException ignored) {
          // an abort action failing must not stop the others
        }
      }
    }
  }

  /**
   * Registers an action to run on cancel; runs it at once if already cancelled. Returns a handle
   * that unregisters it.
   */
  public AutoCloseable onCancel(Runnable action) {
    actions.add(action);
    if (cancelled.get()) {
      action.run();
    }
    return () -> actions.remove(action);
  }

  /** Throws {@link CancelledException} if cancelled. */
  public void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancelledException();
    }
  }
}
