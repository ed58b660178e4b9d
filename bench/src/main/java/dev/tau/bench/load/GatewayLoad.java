package dev.tau.bench.load;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The gateway load harness: starts a fake OpenAI upstream on loopback and the real gateway as a
 * process ({@code bin/tau --gateway-openresponses-server}), then measures readiness, non-streaming
 * {@code POST /v1/responses} (closed loop at each concurrency level, then paced at half the
 * closed-loop throughput), streaming {@code POST /v1/responses}, each against the gateway and
 * against the fake directly (the baseline the added latency is computed from), and a phase with
 * many streams open at once. Prints a Markdown table on stdout, progress on stderr.
 *
 * <p>Every gateway phase runs on a gateway process of its own: the in-memory session store keeps
 * every session for the life of the process, so a shared process would make each phase pay for the
 * sessions of the ones before it. Every start is also a readiness sample.
 *
 * <pre>
 * java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.load.GatewayLoad \
 *     --clients 1,50,200 --seconds 20
 * </pre>
 *
 * <p>Exit status: 0 after a complete run (whatever the figures), 2 for bad options, 1 when the
 * gateway could not be started or did not relay the upstream's answer, 3 when the run overran
 * {@code --max-minutes}.
 */
public final class GatewayLoad {
  private final LoadOptions options;
  // gateway targets carry this until their phase starts a gateway
  private static final URI UNSTARTED = URI.create("http://127.0.0.1:1/v1/responses");

  private final long started = System.nanoTime();
  private final List<Duration> readiness = new ArrayList<>();
  private int phases;
  private Path work;
  private FastOpenAiUpstream upstream;

  private GatewayLoad(LoadOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    LoadOptions options;
    try {
      Optional<LoadOptions> parsed = LoadOptions.parse(args);
      if (parsed.isEmpty()) {
        System.out.print(LoadOptions.USAGE);
        return;
      }
      options = parsed.get();
    } catch (IllegalArgumentException e) {
      System.err.println("gateway-load: " + e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    watchdog(options.maxRun());
    int status;
    try {
      status = new GatewayLoad(options).run();
    } catch (IllegalStateException | IOException e) {
      System.err.println("gateway-load: " + e.getMessage());
      status = 1;
    } catch (InterruptedException e) {
      System.err.println("gateway-load: interrupted");
      status = 1;
    } finally {
      GatewayProcess.killAll();
    }
    System.exit(status);
  }

  private int run() throws IOException, InterruptedException {
    String machine = Machine.describe();
    progress(
        "plan: levels %s, warm-up %d s (fresh gateways %d s), windows %d s plain / %d s paced / %d s streamed,"
            + " %d open streams, about %d s in all; %s",
        options.clients(),
        options.warmup().toSeconds(),
        options.gatewayWarmup().toSeconds(),
        options.window().toSeconds(),
        options.pacedWindow().toSeconds(),
        options.streamWindow().toSeconds(),
        options.openStreams(),
        options.planned().toSeconds(),
        machine);
    if (Machine.loadAverage() >= 1.5) {
      progress("warning: load average %.2f: other work shares the CPU", Machine.loadAverage());
    }
    work = Files.createTempDirectory("tau-gateway-load-");
    List<LoadPhase.Result> plain = new ArrayList<>();
    List<LoadPhase.Result> paced = new ArrayList<>();
    List<LoadPhase.Result> stream = new ArrayList<>();
    Optional<OpenStreams.Result> open = Optional.empty();
    try (FastOpenAiUpstream fake = FastOpenAiUpstream.start()) {
      upstream = fake;
      progress("fake upstream at %s", upstream.baseUrl());
      for (int i = 1; i < options.startups(); i++) {
        try (GatewayProcess gateway = startGateway()) {
          stop(gateway);
        }
      }
      LoadPhase.Target direct =
          new LoadPhase.Target(
              ResultsTable.BASELINE,
              URI.create(upstream.baseUrl() + "/responses"),
              "gpt-4o-mini",
              true);
      List<LoadPhase.Target> variants = new ArrayList<>();
      if (options.store().stored()) {
        variants.add(gatewayTarget(ResultsTable.GATEWAY, true));
      }
      if (options.store().unstored()) {
        variants.add(gatewayTarget(ResultsTable.GATEWAY_UNSTORED, false));
      }
      for (int clients : options.clients()) {
        plain.add(baseline(direct, LoadPhase.Mode.PLAIN, clients, 0, options.window()));
        for (LoadPhase.Target variant : variants) {
          plain.add(throughGateway(variant, LoadPhase.Mode.PLAIN, clients, 0, options.window()));
        }
        if (options.compareTestkitFake()) {
          plain.add(testkitPhase(clients));
        }
      }
      if (options.pacedClients() > 0) {
        int clients = options.pacedClients();
        for (LoadPhase.Target variant : variants) {
          double rate = halfOfClosedLoop(plain, variant.label(), clients);
          paced.add(baseline(direct, LoadPhase.Mode.PLAIN, clients, rate, options.pacedWindow()));
          paced.add(
              throughGateway(variant, LoadPhase.Mode.PLAIN, clients, rate, options.pacedWindow()));
        }
      }
      LoadPhase.Target streamed = gatewayTarget(ResultsTable.GATEWAY, true);
      for (int clients : options.clients()) {
        stream.add(baseline(direct, LoadPhase.Mode.STREAM, clients, 0, options.streamWindow()));
        stream.add(
            throughGateway(streamed, LoadPhase.Mode.STREAM, clients, 0, options.streamWindow()));
      }
      if (options.openStreams() > 0) {
        try (GatewayProcess gateway = startGateway()) {
          progress("holding %d streams open", options.openStreams());
          OpenStreams.Result result =
              OpenStreams.run(
                  upstream,
                  gateway.base().resolve("/v1/responses"),
                  options.openStreams(),
                  gateway.pid());
          progress(
              "  %d open at once, %d completed, peak RSS %d MiB",
              result.openAtOnce(), result.completed(), result.peakRssKb() / 1024);
          open = Optional.of(result);
          stop(gateway);
        }
      }
    }
    System.out.print(
        ResultsTable.render(new ResultsTable.Run(machine, readiness, plain, paced, stream, open)));
    progress("done in %d s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    deleteTree(work);
    return 0;
  }

  /** A gateway target; its endpoint is filled in per phase, each phase having its own process. */
  private static LoadPhase.Target gatewayTarget(String label, boolean store) {
    return new LoadPhase.Target(label, UNSTARTED, GatewayProcess.MODEL, store);
  }

  private LoadPhase.Result baseline(
      LoadPhase.Target direct, LoadPhase.Mode mode, int clients, double rate, Duration window)
      throws InterruptedException {
    return phase(direct, mode, clients, rate, options.warmup(), window, ResourceSampler.NO_GATEWAY);
  }

  /**
   * Runs a phase through a gateway started for it alone, so no phase inherits the sessions an
   * earlier one left in the in-memory store, and each phase's memory is its own.
   */
  private LoadPhase.Result throughGateway(
      LoadPhase.Target target, LoadPhase.Mode mode, int clients, double rate, Duration window)
      throws IOException, InterruptedException {
    try (GatewayProcess gateway = startGateway()) {
      LoadPhase.Target through =
          new LoadPhase.Target(
              target.label(),
              gateway.base().resolve("/v1/responses"),
              target.model(),
              target.store());
      LoadPhase.Result result =
          phase(through, mode, clients, rate, options.gatewayWarmup(), window, gateway.pid());
      stop(gateway);
      return result;
    }
  }

  private GatewayProcess startGateway() throws IOException, InterruptedException {
    GatewayProcess gateway =
        GatewayProcess.start(
            options.tau(), upstream.baseUrl(), work.resolve("gateway-" + readiness.size()));
    readiness.add(gateway.readyAfter());
    progress(
        "gateway pid %d on %s ready to serve after %d ms",
        gateway.pid(), gateway.base(), gateway.readyAfter().toMillis());
    try {
      checkRelays(gateway);
    } catch (IllegalStateException | IOException | InterruptedException e) {
      gateway.close();
      throw e;
    }
    return gateway;
  }

  private void stop(GatewayProcess gateway) {
    int status = gateway.stop();
    if (status != 0) {
      progress("the gateway exited with status %d; its log:%n%s", status, gateway.logTail());
    }
  }

  private LoadPhase.Result phase(
      LoadPhase.Target target,
      LoadPhase.Mode mode,
      int clients,
      double rate,
      Duration warmup,
      Duration window,
      long gatewayPid)
      throws InterruptedException {
    // a phase number keeps every session id of the run unique
    String tag = "p" + (++phases);
    progress(
        "%s, %s, %d clients%s: %d s warm-up, %d s measured",
        target.label(),
        mode.name().toLowerCase(Locale.ROOT),
        clients,
        rate == 0 ? "" : String.format(Locale.ROOT, " paced at %.0f/s", rate),
        warmup.toSeconds(),
        window.toSeconds());
    LoadPhase.Result result =
        LoadPhase.run(target, mode, clients, rate, warmup, window, tag, gatewayPid);
    progress(
        "  %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors%s",
        result.perSecond(),
        result.latency().p50(),
        result.latency().p99(),
        result.errors(),
        result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
    return result;
  }

  /**
   * Half the closed-loop throughput of {@code label} at {@code clients} (or at its best level when
   * that level was not run): a load the gateway carries without queueing up.
   */
  private static double halfOfClosedLoop(
      List<LoadPhase.Result> closedLoop, String label, int clients) {
    double atLevel =
        closedLoop.stream()
            .filter(r -> r.target().equals(label) && r.clients() == clients)
            .mapToDouble(LoadPhase.Result::perSecond)
            .findFirst()
            .orElse(Double.NaN);
    double best =
        closedLoop.stream()
            .filter(r -> r.target().equals(label))
            .mapToDouble(LoadPhase.Result::perSecond)
            .max()
            .orElse(100);
    double rate = Double.isNaN(atLevel) ? best : atLevel;
    return Math.max(1, Math.floor(rate / 2));
  }

  /**
   * The same load straight at testkit's JDK-HttpServer fake, to show why this harness has its own.
   */
  private LoadPhase.Result testkitPhase(int clients) throws InterruptedException {
    try (FakeOpenAiServer fake = new FakeOpenAiServer()) {
      // the testkit fake answers from a script, one reply per request
      FakeReply[] replies = new FakeReply[500_000];
      Arrays.fill(replies, FakeReply.text(FastOpenAiUpstream.ANSWER));
      fake.enqueue(replies);
      LoadPhase.Target target =
          new LoadPhase.Target(
              "testkit FakeOpenAiServer, direct",
              URI.create(fake.baseUrl() + "/responses"),
              "gpt-4o-mini",
              true);
      return baseline(target, LoadPhase.Mode.PLAIN, clients, 0, options.window());
    }
  }

  /** One plain and one streamed request must come back with the upstream's own answer. */
  private static void checkRelays(GatewayProcess gateway) throws IOException, InterruptedException {
    URI endpoint = gateway.base().resolve("/v1/responses");
    try (HttpClient client = LoadPhase.newClient()) {
      HttpResponse<String> plain =
          client.send(
              LoadPhase.request(
                  endpoint, LoadPhase.body(GatewayProcess.MODEL, "check-plain", false)),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = Json.parse(plain.body());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "POST /v1/responses answered "
                + plain.statusCode()
                + " with a body that is not JSON: "
                + clip(plain.body()));
      }
      if (plain.statusCode() != 200
          || !FastOpenAiUpstream.ANSWER.equals(Json.text(body, "output_text", ""))) {
        throw new IllegalStateException(
            "POST /v1/responses did not relay the upstream's answer: HTTP "
                + plain.statusCode()
                + " "
                + clip(plain.body())
                + "\ngateway log:\n"
                + gateway.logTail());
      }
      HttpResponse<InputStream> streamed =
          client.send(
              LoadPhase.request(
                  endpoint, LoadPhase.body(GatewayProcess.MODEL, "check-stream", true)),
              HttpResponse.BodyHandlers.ofInputStream());
      SseTimer.Timing timing = SseTimer.read(streamed.body(), System.nanoTime(), () -> {});
      if (streamed.statusCode() != 200 || !timing.completed() || timing.deltas() == 0) {
        throw new IllegalStateException(
            "a streamed POST /v1/responses did not complete (HTTP "
                + streamed.statusCode()
                + ", "
                + timing.deltas()
                + " deltas)\ngateway log:\n"
                + gateway.logTail());
      }
    }
  }

  private static String clip(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private void progress(String format, Object... args) {
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    System.err.printf(
        Locale.ROOT, "[%4d s] %s%n", seconds, String.format(Locale.ROOT, format, args));
  }

  /** Ends the run, gateways included, when it overruns its limit. */
  private static void watchdog(Duration limit) {
    Thread.ofPlatform()
        .daemon()
        .name("gateway-load-watchdog")
        .start(
            () -> {
              try {
                Thread.sleep(limit);
              } catch (InterruptedException e) {
                return;
              }
              System.err.println(
                  "gateway-load: the run overran --max-minutes "
                      + limit.toMinutes()
                      + "; stopping");
              GatewayProcess.killAll();
              Runtime.getRuntime().halt(3);
            });
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("gateway-load: could not delete " + root + ": " + e.getMessage());
    }
  }
}
