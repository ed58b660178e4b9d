package dev.tau.channels.runtime;

import dev.tau.channels.Transport;
import dev.tau.channels.ingress.InboxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live runner run continuously (the gateway hosts it): on its own virtual thread it runs {@link
 * MultiChannelRunner#runCycle} over the live-ingress inbox whenever there may be work, that is
 *
 * <ul>
 *   <li>once at start (events left from before),
 *   <li>when the inbox files changed (size or modification time; {@link #wake()} makes the check
 *       immediate, the connectors call it after each ingest),
 *   <li>when the last cycle left a backlog ({@code --multi-channel-queue-limit}) or failed events:
 *       those are retried after {@code interval × 2^min(failure_streak, 6)}, so a failing provider
 *       is not hammered and an idle inbox writes no cycle reports.
 * </ul>
 *
 * Each cycle prints the runner's summary and health lines; an inbox line that cannot be read is
 * reported once, not on every cycle. {@link #close()} lets a running cycle finish within its
 * budget, then interrupts it (the runner's ack journal keeps that crash-safe).
 */
public final class LiveRunnerLoop implements AutoCloseable {
  /** Diagnostics remembered to print each only once. */
  private static final int DIAGNOSTIC_MEMORY = 10_000;

  private final MultiChannelRunner runner;
  private final Path inboxDir;
  private final Duration interval;
  private final Consumer<String> out;
  private final Consumer<String> err;
  private final Semaphore wakeUps = new Semaphore(0);
  private final SequencedSet<String> reported = new LinkedHashSet<>();
  private volatile boolean stopping;
  private volatile long cycles;
  private Thread thread;

  /**
   * @param interval how often the inbox is checked without a wake-up, and the base of the retry
   *     wait after a failed cycle
   * @param out receives each cycle's summary and health lines
   * @param err receives inbox diagnostics and cycle failures
   */
  public LiveRunnerLoop(
      MultiChannelRunner runner,
      Path inboxDir,
      Duration interval,
      Consumer<String> out,
      Consumer<String> err) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.inboxDir = Objects.requireNonNull(inboxDir, "inboxDir");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  /** Starts the loop on a virtual thread. */
  public synchronized LiveRunnerLoop start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofVirtual().name("tau-multi-channel-runner").start(this::loop);
    return this;
  }

  /** Asks for an inbox check now (new events were appended). */
  public void wake() {
    wakeUps.release();
  }

  /** Cycles run so far. */
  public long cycles() {
    return cycles;
  }

  /**
   * Stops the loop: a cycle in progress may finish within {@code budget}, then it is interrupted.
   *
   * @return whether the loop ended within the budget
   */
  public boolean stop(Duration budget) {
    Thread running;
    synchronized (this) {
      running = thread;
    }
    stopping = true;
    wakeUps.release();
    if (running == null) {
      return true;
    }
    try {
      if (running.join(budget)) {
        return true;
      }
      running.interrupt();
      return running.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  private void loop() {
    String seen = null;
    boolean pending = true; // the first cycle picks up what is left from before
    long dueNanos = System.nanoTime();
    int failureStreak = 0;
    try {
      while (!stopping) {
        String now = fingerprint();
        if (!now.equals(seen) || (pending && System.nanoTime() - dueNanos >= 0)) {
          seen = now;
          CycleReport report = cycle();
          cycles++;
          if (report == null || report.failed() > 0) {
            failureStreak++;
            pending = true;
            dueNanos =
                System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(
                        interval.toMillis() << Math.min(failureStreak, 6));
          } else {
            failureStreak = 0;
            // the rest of the queue, or of a long inbox, waits for the next check
            pending = report.backlog() > 0 || report.inboxRemaining();
            dueNanos = System.nanoTime();
          }
        }
        if (wakeUps.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
          wakeUps.drainPermits();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One cycle; null when it could not run (reported on err). */
  private CycleReport cycle() throws InterruptedException {
    try {
      CycleReport report = runner.runLiveCycle(inboxDir, this::reportOnce);
      out.accept(report.summaryLine(true));
      out.accept(report.healthLine(true));
      return report;
    } catch (RuntimeException e) {
      // a long-running loop must outlive one bad cycle (unwritable state, broken policy file)
      err.accept(
          "multi-channel runner cycle failed: "
              + dev.tau.channels.TerminalText.safe(String.valueOf(e.getMessage())));
      return null;
    }
  }

  private void reportOnce(String diagnostic) {
    if (reported.add(diagnostic)) {
      err.accept(diagnostic);
      if (reported.size() > DIAGNOSTIC_MEMORY) {
        reported.removeFirst();
      }
    }
  }

  /** Size and modification time of each inbox file: a change means new lines. */
  private String fingerprint() {
    StringBuilder out = new StringBuilder();
    for (Transport transport : Transport.values()) {
      Path file = InboxReader.inboxFile(inboxDir, transport);
      try {
        out.append(Files.size(file))
            .append('@')
            .append(Files.getLastModifiedTime(file).toMillis())
            .append(';');
      } catch (NoSuchFileException e) {
        out.append("-;");
      } catch (IOException e) {
        out.append("?;");
      }
    }
    return out.toString();
  }
}
