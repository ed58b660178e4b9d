package dev.tau.bench.channels;

import dev.tau.bench.load.Machine;
import dev.tau.bench.load.ProcMemory;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.access.SecurityPaths;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.Normalization;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundDispatchers;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.pairing.PairingRequests;
import dev.tau.channels.runtime.CycleReport;
import dev.tau.channels.runtime.MediaPolicy;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.ReplyGenerator;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.channels.runtime.TauCommandHook;
import dev.tau.channels.runtime.TelemetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * End-to-end multi-channel throughput: raw live-ingress lines → normalisation → the real {@link
 * MultiChannelRunner} (access decision, routing, channel store with its fsyncs, a scripted reply,
 * dry-run delivery through the real dispatcher, ack journal, {@code state.json}) in a temporary
 * state dir on the working disk, cycle after cycle, as the live runner processes an inbox that
 * keeps receiving events. Reports events/s, allocation per event and the memory a run of 10,000
 * events leaves behind (GC-settled heap and RSS).
 *
 * <pre>
 * java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.channels.ChannelThroughput \
 *     [--events 10000] [--cycle-events 64] [--runs 3] [--warmup-events 10000] [--dir /tmp]
 * </pre>
 */
public final class ChannelThroughput {
  private ChannelThroughput() {}

  /** The options; every count must be positive. */
  record Options(int events, int cycleEvents, int runs, int warmupEvents, Path dir) {
    Options {
      if (events <= 0 || cycleEvents <= 0 || runs <= 0 || warmupEvents < 0) {
        throw new IllegalArgumentException(
            "--events, --cycle-events and --runs must be > 0, --warmup-events >= 0");
      }
    }

    static Options parse(String[] args) {
      int events = 10_000;
      int cycle = 64;
      int runs = 3;
      int warmup = 10_000;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help")) {
          throw new IllegalArgumentException("usage");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        try {
          switch (flag) {
            case "--events" -> events = Integer.parseInt(value);
            case "--cycle-events" -> cycle = Integer.parseInt(value);
            case "--runs" -> runs = Integer.parseInt(value);
            case "--warmup-events" -> warmup = Integer.parseInt(value);
            case "--dir" -> dir = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option " + flag);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + " must be a number (got '" + value + "')");
        }
      }
      return new Options(events, cycle, runs, warmup, dir);
    }
  }

  /** One measured run. */
  record Run(
      int events,
      long nanos,
      long allocatedBytes,
      long heapDeltaBytes,
      long rssDeltaKb,
      int allowed,
      int denied,
      int cycles) {
    double eventsPerSecond() {
      return events / (nanos / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "ChannelThroughput: "
              + e.getMessage()
              + "\nusage: ChannelThroughput [--events N] [--cycle-events N] [--runs N]"
              + " [--warmup-events N] [--dir DIR]");
      System.exit(2);
      return;
    }
    System.out.println("machine: " + Machine.describe());
    System.out.printf(
        Locale.ROOT,
        "workload: %d events per run, %d per cycle (queue limit), %d runs, %d warm-up events, state under %s%n",
        options.events(),
        options.cycleEvents(),
        options.runs(),
        options.warmupEvents(),
        options.dir());
    if (options.warmupEvents() > 0) {
      Run warm = run(options, options.warmupEvents(), 0);
      System.out.printf(Locale.ROOT, "warm-up: %.0f events/s%n", warm.eventsPerSecond());
    }
    List<Run> runs = new ArrayList<>();
    for (int r = 0; r < options.runs(); r++) {
      // each run has its own event ids, so nothing is a duplicate of an earlier run
      Run run = run(options, options.events(), 1_000_000L * (r + 1));
      runs.add(run);
      System.out.printf(
          Locale.ROOT,
          "run %d: %d events (%d allowed, %d denied) in %d cycles, %.1f ms → %.0f events/s,"
              + " %.1f µs/event, allocated %.1f KB/event, GC-settled heap delta %+.2f MB,"
              + " RSS delta %+.1f MB%n",
          r + 1,
          run.events(),
          run.allowed(),
          run.denied(),
          run.cycles(),
          run.nanos() / 1e6,
          run.eventsPerSecond(),
          run.nanos() / 1e3 / run.events(),
          run.allocatedBytes() / 1024.0 / run.events(),
          run.heapDeltaBytes() / 1024.0 / 1024.0,
          run.rssDeltaKb() / 1024.0);
    }
    Run median =
        runs.stream()
            .sorted(Comparator.comparingDouble(Run::eventsPerSecond))
            .toList()
            .get(runs.size() / 2);
    ProcMemory mem = ProcMemory.of(ProcessHandle.current().pid()).orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "median: %.0f events/s end to end; per 10,000 events: %.1f MB allocated,"
            + " GC-settled heap delta %+.2f MB; process RSS %.0f MB, peak (VmHWM) %.0f MB;"
            + " load average %.2f at end%n",
        median.eventsPerSecond(),
        median.allocatedBytes() / 1024.0 / 1024.0 * 10_000 / median.events(),
        median.heapDeltaBytes() / 1024.0 / 1024.0 * 10_000 / median.events(),
        mem.rssKb() / 1024.0,
        mem.hwmKb() / 1024.0,
        Machine.loadAverage());
  }

  /** Processes {@code count} events (ids from {@code firstId}) in a fresh state dir. */
  static Run run(Options options, int count, long firstId) throws Exception {
    Path root = Files.createTempDirectory(options.dir(), "tau-bench-channels-");
    try {
      Path stateDir = root.resolve("multi-channel");
      Files.createDirectories(stateDir);
      ChannelWorkload.writePolicies(stateDir);
      // the connectors' part: platform payloads already appended as inbox lines
      String[] lines = new String[count];
      for (int i = 0; i < count; i++) {
        lines[i] = ChannelWorkload.inboxLine(firstId + i);
      }
      Clock clock = Clock.systemUTC();
      AtomicInteger warnings = new AtomicInteger();
      OutboundSettings outbound = OutboundSettings.defaults().withMode(OutboundMode.DRY_RUN);
      OutboundDispatcher dispatcher =
          OutboundDispatchers.create(outbound, OutboundDispatchers.httpClient(outbound));
      RunnerSettings settings =
          new RunnerSettings(
              options.cycleEvents(),
              RunnerSettings.DEFAULTS.processedEventCap(),
              RunnerSettings.DEFAULTS.retryMaxAttempts(),
              0,
              0,
              TelemetryPolicy.DEFAULTS,
              MediaPolicy.DEFAULTS);
      MultiChannelRunner runner =
          new MultiChannelRunner(
                  stateDir,
                  settings,
                  SCRIPTED,
                  TauCommandHook.UNAVAILABLE,
                  dispatcher,
                  clock,
                  Thread::sleep,
                  message -> {
                    if (warnings.getAndIncrement() < 5) {
                      System.err.println("runner: " + message);
                    }
                  })
              .pairing(PairingRequests.defaults(SecurityPaths.securityDir(stateDir), clock));
      ChannelNormalizer normalizer = ChannelNormalizer.standard();

      long heapBefore = settledHeap();
      long rssBefore = ProcMemory.of(ProcessHandle.current().pid()).orElseThrow().rssKb();
      var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocBefore = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      int allowed = 0;
      int denied = 0;
      int completed = 0;
      int cycles = 0;
      for (int from = 0; from < count; from += options.cycleEvents()) {
        int to = Math.min(count, from + options.cycleEvents());
        List<InboundEvent> events = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          switch (normalizer.normalizeLine(lines[i])) {
            case Normalization.Normalized n -> events.add(n.event());
            case Normalization.Rejected r ->
                throw new IllegalStateException("line " + i + " rejected: " + r);
          }
        }
        CycleReport report = runner.runCycle(events);
        cycles++;
        completed += (int) report.completed();
        allowed += (int) report.policyAllowed();
        denied += (int) report.policyDenied();
        if (report.failed() > 0) {
          throw new IllegalStateException(report.failed() + " events failed in cycle " + cycles);
        }
      }
      long nanos = System.nanoTime() - start;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
      long rssAfter = ProcMemory.of(ProcessHandle.current().pid()).orElseThrow().rssKb();
      long heapAfter = settledHeap();
      if (completed != count) {
        throw new IllegalStateException("completed " + completed + " of " + count + " events");
      }
      // keep the runner reachable until the heap has been measured
      java.lang.ref.Reference.reachabilityFence(runner);
      return new Run(
          count,
          nanos,
          allocated,
          heapAfter - heapBefore,
          rssAfter - rssBefore,
          allowed,
          denied,
          cycles);
    } finally {
      deleteTree(root);
    }
  }

  /**
   * The scripted agent: a short answer to most messages, and one long enough (≥ 120 characters) to
   * trigger the typing/presence lines for every fourth.
   */
  static final ReplyGenerator SCRIPTED =
      (event, sessionKey, prompt) -> {
        String text = "Noted: " + prompt;
        if (Math.floorMod(event.eventId().hashCode(), 4) == 0) {
          text +=
              "\nHere is what I found: the last three runs passed, the deploy finished at 14:02"
                  + " and no alerts are open for this service.";
        }
        return new ReplyGenerator.Reply.Answered(text);
      };

  private static long settledHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
