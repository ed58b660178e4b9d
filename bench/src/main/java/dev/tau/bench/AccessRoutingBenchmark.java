package dev.tau.bench;

import dev.tau.bench.channels.ChannelWorkload;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.access.AccessDecider;
import dev.tau.channels.access.AccessDecision;
import dev.tau.channels.routing.RouteBindings;
import dev.tau.channels.routing.RouteDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Access decision and routing alone (tau-spec §5.6, §5.7) on pre-normalised events: the policies of
 * {@link ChannelWorkload} (channel policy with per-channel entries, strict allowlist, 150 pairings,
 * four route bindings) loaded once, as the runner loads them once per cycle. One operation is one
 * event: {@code decide} then {@code resolve}, cycling through 4,096 workload events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessRoutingBenchmark {
  private static final int EVENTS = 4096;

  InboundEvent[] events;
  AccessDecider decider;
  RouteBindings bindings;
  int next;

  @Setup
  public void setUp() throws IOException {
    Path stateDir = Files.createTempDirectory("tau-bench-access").resolve("multi-channel");
    Files.createDirectories(stateDir);
    ChannelWorkload.writePolicies(stateDir);
    decider = ChannelWorkload.decider(stateDir, Clock.systemUTC());
    bindings = RouteBindings.load(stateDir.resolve("security").resolve(RouteBindings.FILE_NAME));
    List<InboundEvent> list = ChannelWorkload.events(0, EVENTS);
    events = list.toArray(InboundEvent[]::new);
  }

  /** One event through the access decision and the route resolution. */
  @Benchmark
  public void decideAndRoute(Blackhole bh) {
    InboundEvent event = events[next];
    next = (next + 1) & (EVENTS - 1);
    AccessDecision decision = decider.decide(event);
    RouteDecision route = bindings.resolve(event);
    bh.consume(decision);
    bh.consume(route);
  }
}
