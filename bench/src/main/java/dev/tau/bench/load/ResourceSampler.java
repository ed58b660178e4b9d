package dev.tau.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches the gateway process during one phase: samples its resident memory every {@value
 * #PERIOD_MS} ms and, at the end, how much CPU the gateway, this harness (client and fake upstream
 * together) and the whole machine used over the phase. Phases without a gateway ({@link
 * #NO_GATEWAY}) report only the harness and the machine.
 */
final class ResourceSampler implements AutoCloseable {
  /** The pid to pass when no gateway runs in the phase. */
  static final long NO_GATEWAY = -1;

  private static final long PERIOD_MS = 50;

  /**
   * What one phase cost.
   *
   * @param startRssKb the gateway's {@code VmRSS} when the phase's window began
   * @param peakRssKb the largest sampled {@code VmRSS} of the gateway during the phase
   * @param hwmKb the gateway's {@code VmHWM} at the end (its peak over its whole life)
   * @param gatewayCpu the gateway's CPU time divided by wall time (1.0 = one core busy)
   * @param harnessCpu the same for this process (load client and fake upstream)
   * @param machineBusy the share of all cores busy, 0..1, from {@code /proc/stat}
   * @param gatewayCpuNanos the gateway's CPU time over the phase
   */
  record Usage(
      long startRssKb,
      long peakRssKb,
      long hwmKb,
      double gatewayCpu,
      double harnessCpu,
      double machineBusy,
      long gatewayCpuNanos) {}

  private final long pid;
  private final Thread thread;
  private final long startNanos = System.nanoTime();
  private final long gatewayCpuStart;
  private final long harnessCpuStart;
  private final long[] machineStart;
  private final long startRssKb;
  private volatile long peakRssKb;
  private volatile boolean stopped;

  private ResourceSampler(long pid) {
    this.pid = pid;
    this.gatewayCpuStart = gatewayCpuNanos();
    this.harnessCpuStart = cpuNanos(ProcessHandle.current());
    this.machineStart = machineTicks();
    this.startRssKb = memory().rssKb();
    this.peakRssKb = startRssKb;
    this.thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
  }

  static ResourceSampler start(long gatewayPid) {
    return new ResourceSampler(gatewayPid);
  }

  /** Stops sampling and reports the phase. */
  Usage stop() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double wall = System.nanoTime() - startNanos;
    long gatewayCpu = gatewayCpuNanos() - gatewayCpuStart;
    long harnessCpu = cpuNanos(ProcessHandle.current()) - harnessCpuStart;
    long[] machineEnd = machineTicks();
    long total = machineEnd[0] - machineStart[0];
    long idle = machineEnd[1] - machineStart[1];
    ProcMemory end = memory();
    return new Usage(
        startRssKb,
        Math.max(peakRssKb, end.rssKb()),
        end.hwmKb(),
        gatewayCpu / wall,
        harnessCpu / wall,
        total <= 0 ? Double.NaN : (total - idle) / (double) total,
        gatewayCpu);
  }

  @Override
  public void close() {
    if (!stopped) {
      stop();
    }
  }

  private ProcMemory memory() {
    return pid == NO_GATEWAY
        ? new ProcMemory(0, 0)
        : ProcMemory.of(pid).orElse(new ProcMemory(0, 0));
  }

  private long gatewayCpuNanos() {
    return pid == NO_GATEWAY ? 0 : cpuNanos(ProcessHandle.of(pid).orElse(null));
  }

  private void sample() {
    while (!stopped && pid != NO_GATEWAY) {
      ProcMemory.of(pid).ifPresent(m -> peakRssKb = Math.max(peakRssKb, m.rssKb()));
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long cpuNanos(ProcessHandle process) {
    if (process == null) {
      return 0;
    }
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** {total, idle+iowait} jiffies of all cores, from the first line of {@code /proc/stat}. */
  private static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      String[] fields = first.strip().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal (guest time is already in user)
      for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total, idle};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
