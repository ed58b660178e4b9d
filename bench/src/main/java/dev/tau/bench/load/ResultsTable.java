package dev.tau.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a run as Markdown: readiness, the non-streaming and streaming phases side by side with
 * their direct-to-upstream baseline, the open-streams phase and the targets.
 */
final class ResultsTable {
  /** The baseline's label in the phase tables. */
  static final String BASELINE = "fake upstream, direct";

  /** The gateway's label in the phase tables. */
  static final String GATEWAY = "gateway";

  /** The gateway with {@code "store": false} requests. */
  static final String GATEWAY_UNSTORED = "gateway, `\"store\": false`";

  /**
   * Everything one run measured.
   *
   * @param machine a one-line description of the machine
   * @param readiness each timed start, spawn to the first 200 on {@code /healthz}
   * @param plain the non-streaming closed-loop phases, in run order
   * @param paced the non-streaming paced phases, each gateway phase after its baseline
   * @param stream the streaming phases, in run order
   * @param open the open-streams phase, when run
   */
  record Run(
      String machine,
      List<Duration> readiness,
      List<LoadPhase.Result> plain,
      List<LoadPhase.Result> paced,
      List<LoadPhase.Result> stream,
      Optional<OpenStreams.Result> open) {}

  private ResultsTable() {}

  static String render(Run run) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(run.machine()).append("\n\n");
    readiness(out, run.readiness());
    plain(out, run.plain());
    paced(out, run.paced());
    stream(out, run.stream());
    run.open().ifPresent(open -> open(out, open));
    targets(out, run);
    return out.toString();
  }

  private static void readiness(StringBuilder out, List<Duration> readiness) {
    if (readiness.isEmpty()) {
      return;
    }
    List<Duration> sorted = readiness.stream().sorted().toList();
    out.append(
        fmt(
            "**Ready to serve** (process spawned by `bin/tau` → first 200 on `GET /healthz`), %d"
                + " starts: median %.0f ms, min %.0f ms, max %.0f ms; the first start %.0f ms\n\n",
            readiness.size(),
            median(readiness).toNanos() / 1e6,
            sorted.getFirst().toNanos() / 1e6,
            sorted.getLast().toNanos() / 1e6,
            readiness.getFirst().toNanos() / 1e6));
  }

  private static void plain(StringBuilder out, List<LoadPhase.Result> results) {
    out.append("**Non-streaming `POST /v1/responses`**\n\n");
    out.append(
        "| clients | target | req/s | p50 ms | p90 ms | p99 ms | added p50 ms | added p99 ms |"
            + " errors | gateway RSS window start / peak MiB | gateway CPU | harness CPU | machine"
            + " busy |"
            + " gateway CPU µs/req |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (LoadPhase.Result r : results) {
      Optional<LoadPhase.Result> base = baseline(results, r);
      boolean gateway = isGateway(r);
      out.append(
          fmt(
              "| %d | %s | %.0f | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |\n",
              r.clients(),
              r.target(),
              r.perSecond(),
              ms(r.latency().p50()),
              ms(r.latency().p90()),
              ms(r.latency().p99()),
              gateway ? added(base.map(b -> b.latency().p50()), r.latency().p50()) : "—",
              gateway ? added(base.map(b -> b.latency().p99()), r.latency().p99()) : "—",
              r.errors(),
              gateway ? mib(r.usage().startRssKb()) + " / " + mib(r.usage().peakRssKb()) : "—",
              gateway ? cores(r.usage().gatewayCpu()) : "—",
              cores(r.usage().harnessCpu()),
              percent(r.usage().machineBusy()),
              gateway ? fmt("%.0f", r.gatewayCpuMicrosPerRequest()) : "—"));
    }
    out.append('\n');
  }

  private static void paced(StringBuilder out, List<LoadPhase.Result> results) {
    if (results.isEmpty()) {
      return;
    }
    out.append(
        "**Paced non-streaming `POST /v1/responses`** (open loop at half the closed-loop"
            + " throughput; latency from the scheduled send time)\n\n");
    out.append(
        "| clients | target | offered req/s | achieved req/s | p50 ms | p90 ms | p99 ms | added p50"
            + " ms | added p99 ms | errors | gateway CPU | harness CPU |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (LoadPhase.Result r : results) {
      Optional<LoadPhase.Result> base = baseline(results, r);
      boolean gateway = isGateway(r);
      out.append(
          fmt(
              "| %d | %s | %.0f | %.0f | %s | %s | %s | %s | %s | %d | %s | %s |\n",
              r.clients(),
              r.target(),
              r.offered(),
              r.perSecond(),
              ms(r.latency().p50()),
              ms(r.latency().p90()),
              ms(r.latency().p99()),
              gateway ? added(base.map(b -> b.latency().p50()), r.latency().p50()) : "—",
              gateway ? added(base.map(b -> b.latency().p99()), r.latency().p99()) : "—",
              r.errors(),
              gateway ? cores(r.usage().gatewayCpu()) : "—",
              cores(r.usage().harnessCpu())));
    }
    out.append('\n');
  }

  private static void stream(StringBuilder out, List<LoadPhase.Result> results) {
    if (results.isEmpty()) {
      return;
    }
    out.append("**Streaming `POST /v1/responses` (`\"stream\": true`)**\n\n");
    out.append(
        "| clients | target | streams/s | `response.created` p50 / p99 ms | first delta p50 / p99"
            + " ms | whole stream p50 / p99 ms | added first delta p50 / p99 ms | errors | gateway"
            + " RSS peak MiB | gateway CPU | harness CPU |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (LoadPhase.Result r : results) {
      Optional<LoadPhase.Result> base = baseline(results, r);
      boolean gateway = isGateway(r);
      out.append(
          fmt(
              "| %d | %s | %.0f | %s / %s | %s / %s | %s / %s | %s | %d | %s | %s | %s |\n",
              r.clients(),
              r.target(),
              r.perSecond(),
              ms(r.created().p50()),
              ms(r.created().p99()),
              ms(r.firstDelta().p50()),
              ms(r.firstDelta().p99()),
              ms(r.latency().p50()),
              ms(r.latency().p99()),
              gateway
                  ? added(base.map(b -> b.firstDelta().p50()), r.firstDelta().p50())
                      + " / "
                      + added(base.map(b -> b.firstDelta().p99()), r.firstDelta().p99())
                  : "—",
              r.errors(),
              gateway ? mib(r.usage().peakRssKb()) : "—",
              gateway ? cores(r.usage().gatewayCpu()) : "—",
              cores(r.usage().harnessCpu())));
    }
    out.append('\n');
  }

  private static void open(StringBuilder out, OpenStreams.Result r) {
    out.append(
        "**Concurrent open streams** (fresh gateway; upstream holds each stream after its first delta)\n\n");
    out.append(
        "| streams | open at once (client saw first delta) | held by upstream | completed |"
            + " time to open all | gateway RSS before | peak RSS | VmHWM |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    out.append(
        fmt(
            "| %d | %d | %d | %d of %d | %s | %s MiB | %s MiB | %s MiB |\n\n",
            r.requested(),
            r.openAtOnce(),
            r.upstreamOpen(),
            r.completed(),
            r.requested(),
            r.timeToOpenAll().isZero()
                ? "not all opened"
                : fmt("%.2f s", r.timeToOpenAll().toMillis() / 1000.0),
            mib(r.rssBeforeKb()),
            mib(r.peakRssKb()),
            mib(r.hwmKb())));
    if (r.firstError() != null) {
      out.append("First failure: `").append(r.firstError()).append("`\n\n");
    }
  }

  private static void targets(StringBuilder out, Run run) {
    out.append("**Targets (issue 3)**\n\n");
    out.append("| target | goal | measured | met |\n|---|---|---|---|\n");
    Optional<LoadPhase.Result> base50 = find(run.plain(), BASELINE, 50);
    for (String label : List.of(GATEWAY, GATEWAY_UNSTORED)) {
      Optional<LoadPhase.Result> gw50 = find(run.plain(), label, 50);
      if (gw50.isEmpty()) {
        continue;
      }
      String who = label.equals(GATEWAY) ? " (closed loop)" : " (closed loop, `\"store\": false`)";
      if (base50.isPresent()) {
        double p50 = gw50.get().latency().p50() - base50.get().latency().p50();
        double p99 = gw50.get().latency().p99() - base50.get().latency().p99();
        row(
            out,
            "added latency p50, 50 concurrent" + who,
            "≤ 1 ms",
            fmt("%.2f ms", p50),
            p50 <= 1.0);
        row(
            out,
            "added latency p99, 50 concurrent" + who,
            "≤ 5 ms",
            fmt("%.2f ms", p99),
            p99 <= 5.0);
      }
      double rps = gw50.get().perSecond();
      row(out, "requests/s, 50 concurrent" + who, "≥ 2,000", fmt("%.0f", rps), rps >= 2000);
    }
    if (find(run.plain(), GATEWAY, 50).isEmpty()
        && find(run.plain(), GATEWAY_UNSTORED, 50).isEmpty()) {
      out.append(
          "| added latency and requests/s at 50 concurrent | — | not run (no 50-client level) | — |\n");
    }
    for (String label : List.of(GATEWAY, GATEWAY_UNSTORED)) {
      Optional<LoadPhase.Result> gw =
          run.paced().stream().filter(r -> r.target().equals(label)).findFirst();
      Optional<LoadPhase.Result> base = gw.flatMap(g -> baseline(run.paced(), g));
      if (gw.isEmpty() || base.isEmpty()) {
        continue;
      }
      String who =
          fmt(
              ", %d concurrent paced at %.0f req/s%s",
              gw.get().clients(),
              gw.get().offered(),
              label.equals(GATEWAY) ? "" : " (`\"store\": false`)");
      double p50 = gw.get().latency().p50() - base.get().latency().p50();
      double p99 = gw.get().latency().p99() - base.get().latency().p99();
      row(out, "added latency p50" + who, "≤ 1 ms", fmt("%.2f ms", p50), p50 <= 1.0);
      row(out, "added latency p99" + who, "≤ 5 ms", fmt("%.2f ms", p99), p99 <= 5.0);
    }
    double best =
        run.plain().stream()
            .filter(ResultsTable::isGateway)
            .mapToDouble(LoadPhase.Result::perSecond)
            .max()
            .orElse(Double.NaN);
    row(
        out,
        "requests/s through the gateway, best phase",
        "≥ 2,000",
        fmt("%.0f", best),
        best >= 2000);
    run.open()
        .ifPresent(
            o -> {
              boolean all = o.completed() == o.requested() && o.openAtOnce() == o.requested();
              row(
                  out,
                  fmt("%,d concurrent streams: peak RSS", o.requested()),
                  "< 300 MB",
                  fmt("%s MiB (%.0f MB)", mib(o.peakRssKb()), o.peakRssKb() * 1024 / 1e6),
                  o.peakRssKb() * 1024 < 300_000_000L);
              row(
                  out,
                  fmt("%,d concurrent streams: all open at once and completed", o.requested()),
                  "all",
                  fmt("%d open, %d completed", o.openAtOnce(), o.completed()),
                  all);
            });
    Duration median = median(run.readiness());
    row(
        out,
        "ready to serve after start (median)",
        "< 1 s",
        fmt("%.0f ms", median.toNanos() / 1e6),
        median.compareTo(Duration.ofSeconds(1)) < 0);
    out.append('\n');
  }

  private static boolean isGateway(LoadPhase.Result r) {
    return r.target().equals(GATEWAY) || r.target().equals(GATEWAY_UNSTORED);
  }

  private static void row(
      StringBuilder out, String what, String goal, String measured, boolean met) {
    out.append("| ").append(what).append(" | ").append(goal).append(" | ").append(measured);
    out.append(" | ").append(met ? "yes" : "**no**").append(" |\n");
  }

  private static Optional<LoadPhase.Result> baseline(
      List<LoadPhase.Result> results, LoadPhase.Result r) {
    return results.stream()
        .filter(
            b ->
                b.target().equals(BASELINE)
                    && b.clients() == r.clients()
                    && Double.compare(b.offered(), r.offered()) == 0)
        .findFirst();
  }

  private static Optional<LoadPhase.Result> find(
      List<LoadPhase.Result> results, String target, int clients) {
    return results.stream()
        .filter(r -> r.target().equals(target) && r.clients() == clients)
        .findFirst();
  }

  static Duration median(List<Duration> values) {
    if (values.isEmpty()) {
      return Duration.ZERO;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static String added(Optional<Double> baseline, double value) {
    return baseline.map(b -> fmt("%+.2f", value - b)).orElse("—");
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "—" : fmt("%.2f", value);
  }

  private static String mib(long kb) {
    return fmt("%.0f", kb / 1024.0);
  }

  private static String cores(double value) {
    return Double.isNaN(value) ? "—" : fmt("%.0f%%", value * 100);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "—" : fmt("%.0f%%", share * 100);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
