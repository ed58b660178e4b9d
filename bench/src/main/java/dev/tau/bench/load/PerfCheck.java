package dev.tau.bench.load;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The release gate {@code make perf-check}: a short load run against the real gateway with
 * pass/fail thresholds. It starts the gateway the way {@link GatewayLoad} does ({@link
 * GatewayProcess}: {@code bin/tau --gateway-openresponses-server} in {@code localhost-dev} mode on
 * a free loopback port), sends {@code GET /healthz} and then the runbook's {@code POST
 * /v1/a2a/ping}, each {@code --requests} times from {@code --concurrency} clients after a warm-up,
 * samples the gateway's resident memory, prints the figures as Markdown tables and writes them as
 * JSON.
 *
 * <pre>
 * java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.load.PerfCheck \
 *     [--requests 300] [--concurrency 30] [--healthz-p95-ms 50] [--ping-p95-ms 80] \
 *     [--max-rss-mb 300] [--out .tau/perf/perf-check.json]
 * </pre>
 *
 * <p>{@code --base-url URL --pid PID} measures a gateway that is already running instead (the
 * bearer, if it needs one, from {@code TAU_PERF_CHECK_TOKEN}).
 *
 * <p>Exit status: 0 every threshold met, 1 a threshold missed, a request failed or the gateway
 * could not be started, 2 bad options.
 */
public final class PerfCheck {
  static final String PING_BODY =
      "{\"from_agent\":\"ops\",\"to_agent\":\"zavora\",\"message_id\":\"ping-1\",\"payload\":{}}";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String USAGE =
      """
      usage: PerfCheck [options]
        --requests <n>         measured requests per endpoint (default 300)
        --concurrency <n>      concurrent clients (default 30)
        --warmup <n>           unmeasured requests per endpoint first (default 1000)
        --healthz-p95-ms <ms>  GET /healthz p95 must be below this (default 50)
        --ping-p95-ms <ms>     POST /v1/a2a/ping p95 must be below this (default 80)
        --max-rss-mb <MB>      the gateway's peak resident memory must be below this (default 300)
        --out <file>           the JSON results (default .tau/perf/perf-check.json)
        --tau <path>           the launcher (default bin/tau from the current directory)
        --base-url <url>       measure a running gateway instead of starting one (needs --pid;
                               a bearer comes from TAU_PERF_CHECK_TOKEN)
        --pid <pid>            that gateway's process id, for its memory
      """;

  /**
   * The gate's settings.
   *
   * @param requests measured requests per endpoint
   * @param concurrency concurrent clients
   * @param warmup unmeasured requests per endpoint before the measured ones
   * @param healthzP95Ms the {@code /healthz} p95 bound, exclusive
   * @param pingP95Ms the A2A ping p95 bound, exclusive
   * @param maxRssMb the gateway's peak resident memory bound in MB (10^6 bytes), exclusive
   * @param out where the JSON goes
   * @param tau the launcher, when the gate starts the gateway
   * @param baseUrl a running gateway to measure instead
   * @param pid that gateway's process id
   */
  record Options(
      int requests,
      int concurrency,
      int warmup,
      double healthzP95Ms,
      double pingP95Ms,
      double maxRssMb,
      Path out,
      Optional<Path> tau,
      Optional<URI> baseUrl,
      long pid) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      List<String> known =
          List.of(
              "--requests",
              "--concurrency",
              "--warmup",
              "--healthz-p95-ms",
              "--ping-p95-ms",
              "--max-rss-mb",
              "--out",
              "--tau",
              "--base-url",
              "--pid");
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        String value = null;
        int eq = name.indexOf('=');
        if (name.startsWith("--") && eq > 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (!known.contains(name)) {
          throw new IllegalArgumentException("unknown option '" + name + "'");
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args[++i];
        }
        if (values.put(name, value) != null) {
          throw new IllegalArgumentException(name + " is given twice");
        }
      }
      Optional<URI> baseUrl = Optional.ofNullable(values.get("--base-url")).map(PerfCheck::uri);
      long pid = (long) number(values, "--pid", -1, 1, Long.MAX_VALUE);
      if (baseUrl.isPresent() != values.containsKey("--pid")) {
        throw new IllegalArgumentException("--base-url and --pid go together");
      }
      if (baseUrl.isPresent() && values.containsKey("--tau")) {
        throw new IllegalArgumentException(
            "--tau starts a gateway; --base-url measures a running one");
      }
      int requests = (int) number(values, "--requests", 300, 1, 1_000_000);
      int concurrency = (int) number(values, "--concurrency", 30, 1, 10_000);
      return new Options(
          requests,
          concurrency,
          (int) number(values, "--warmup", 1000, 0, 1_000_000),
          number(values, "--healthz-p95-ms", 50, 0, 1e9),
          number(values, "--ping-p95-ms", 80, 0, 1e9),
          number(values, "--max-rss-mb", 300, 0, 1e9),
          Path.of(values.getOrDefault("--out", ".tau/perf/perf-check.json")),
          Optional.ofNullable(values.get("--tau")).map(Path::of),
          baseUrl,
          pid);
    }

    private static double number(
        Map<String, String> values, String name, double fallback, double min, double max) {
      String text = values.get(name);
      if (text == null) {
        return fallback;
      }
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number, got '" + text + "'", e);
      }
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException(name + " is out of range: " + text);
      }
      return value;
    }
  }

  /**
   * What one endpoint measured.
   *
   * @param name for example {@code GET /healthz}
   * @param requests measured requests sent
   * @param errors measured requests that failed (status, body or I/O)
   * @param p50 median latency, ms
   * @param p95 95th percentile, ms
   * @param p99 99th percentile, ms
   * @param max slowest, ms
   * @param perSecond measured requests per second of wall time
   * @param firstError the first failure, for the report
   */
  record Endpoint(
      String name,
      int requests,
      int errors,
      double p50,
      double p95,
      double p99,
      double max,
      double perSecond,
      String firstError) {}

  /**
   * One threshold.
   *
   * @param name what is checked
   * @param limit the bound, as printed
   * @param measured the figure, as printed
   * @param passed whether the figure is within the bound
   */
  record Check(String name, String limit, String measured, boolean passed) {}

  private PerfCheck() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    GatewayProcess.killAll();
    System.exit(status);
  }

  /** Runs the gate as the command line asks; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      if (List.of(args).contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("perf-check: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      if (options.baseUrl().isPresent()) {
        return measure(options, options.baseUrl().get(), options.pid(), "given gateway", out, err);
      }
      Path tau = options.tau().orElseGet(GatewayProcess::findLauncher);
      Path work = Files.createTempDirectory("tau-perf-check-");
      try (FastOpenAiUpstream upstream = FastOpenAiUpstream.start();
          GatewayProcess gateway = GatewayProcess.start(tau, upstream.baseUrl(), work)) {
        err.printf(
            Locale.ROOT,
            "perf-check: gateway %s started (pid %d), serving after %d ms%n",
            gateway.base(),
            gateway.pid(),
            gateway.readyAfter().toMillis());
        int status = measure(options, gateway.base(), gateway.pid(), tau.toString(), out, err);
        if (status != 0) {
          err.println("perf-check: the gateway's log ends with:\n" + gateway.logTail());
        }
        return status;
      }
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      err.println("perf-check: FAILED: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("perf-check: FAILED: interrupted");
      return 1;
    }
  }

  private static int measure(
      Options options, URI base, long pid, String what, PrintStream out, PrintStream err)
      throws InterruptedException {
    Optional<String> bearer =
        Optional.ofNullable(System.getenv("TAU_PERF_CHECK_TOKEN")).filter(t -> !t.isBlank());
    HttpRequest health = request(base.resolve("/healthz"), null, bearer);
    HttpRequest ping = request(base.resolve("/v1/a2a/ping"), PING_BODY, bearer);
    Predicate<HttpResponse<String>> healthy =
        r -> r.statusCode() == 200 && r.body().contains("\"ok\"");
    Predicate<HttpResponse<String>> acknowledged =
        r -> r.statusCode() == 200 && r.body().contains("\"status\":\"acknowledged\"");

    // one keep-alive client per concurrent caller for the whole run, as a proxy or load balancer
    // in front of the gateway would hold them: the figures are the gateway's, not TCP set-up's
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    Endpoint h;
    Endpoint p;
    ResourceSampler.Usage usage;
    try {
      ResourceSampler sampler = ResourceSampler.start(pid);
      load("warm-up", clients, health, healthy, options.warmup());
      h = load("GET /healthz", clients, health, healthy, options.requests());
      load("warm-up", clients, ping, acknowledged, options.warmup());
      p = load("POST /v1/a2a/ping", clients, ping, acknowledged, options.requests());
      usage = sampler.stop();
    } finally {
      clients.forEach(HttpClient::close);
    }
    if (usage.hwmKb() == 0) {
      err.println("perf-check: FAILED: cannot read the memory of pid " + pid + " from /proc");
      return 1;
    }
    // the peak over the process's whole life (start-up included), not just this run's samples
    double peakMb = Math.max(usage.hwmKb(), usage.peakRssKb()) * 1024 / 1e6;

    List<Check> checks = new ArrayList<>();
    checks.add(latencyCheck(h, options.healthzP95Ms()));
    checks.add(latencyCheck(p, options.pingP95Ms()));
    checks.add(
        new Check(
            "gateway RSS, peak (VmHWM)",
            "< " + plain(options.maxRssMb()) + " MB",
            fmt("%.0f MB", peakMb),
            peakMb < options.maxRssMb()));
    int errors = h.errors() + p.errors();
    checks.add(new Check("failed requests", "0", Integer.toString(errors), errors == 0));

    out.print(table(options, what, pid, base, List.of(h, p), checks, usage));
    boolean passed = checks.stream().allMatch(Check::passed);
    try {
      Path file = options.out().toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, json(options, base, List.of(h, p), checks, usage, passed), StandardCharsets.UTF_8);
      out.println("perf-check: results in " + options.out());
    } catch (IOException | UncheckedIOException e) {
      err.println("perf-check: FAILED: cannot write " + options.out() + ": " + e.getMessage());
      return 1;
    }
    for (Endpoint e : List.of(h, p)) {
      if (e.errors() > 0) {
        err.println("perf-check: first failed " + e.name() + ": " + e.firstError());
      }
    }
    for (Check c : checks) {
      if (!c.passed()) {
        err.println(
            "perf-check: FAILED: " + c.name() + " " + c.measured() + ", needs " + c.limit());
      }
    }
    if (passed) {
      out.println("perf-check: passed");
      return 0;
    }
    return 1;
  }

  private static Check latencyCheck(Endpoint e, double bound) {
    return new Check(
        e.name() + " p95",
        "< " + plain(bound) + " ms",
        Double.isNaN(e.p95()) ? "no successful request" : fmt("%.2f ms", e.p95()),
        e.p95() < bound);
  }

  /** Sends {@code total} requests, one virtual thread per client, each on its own connection. */
  static Endpoint load(
      String name,
      List<HttpClient> clients,
      HttpRequest request,
      Predicate<HttpResponse<String>> ok,
      int total)
      throws InterruptedException {
    AtomicInteger tickets = new AtomicInteger(total);
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Latencies> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < Math.min(clients.size(), total); i++) {
      HttpClient client = clients.get(i);
      Latencies recorder = new Latencies();
      recorders.add(recorder);
      threads.add(
          Thread.ofVirtual()
              .name("perf-check-" + i)
              .start(() -> work(client, request, ok, tickets, recorder, errors, firstError)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Endpoint(
        name,
        total,
        errors.get(),
        Latencies.percentileMillis(recorders, 50),
        Latencies.percentileMillis(recorders, 95),
        Latencies.percentileMillis(recorders, 99),
        Latencies.percentileMillis(recorders, 100),
        (total - errors.get()) / seconds,
        firstError.get());
  }

  private static void work(
      HttpClient client,
      HttpRequest request,
      Predicate<HttpResponse<String>> ok,
      AtomicInteger tickets,
      Latencies recorder,
      AtomicInteger errors,
      AtomicReference<String> firstError) {
    while (tickets.getAndDecrement() > 0) {
      long start = System.nanoTime();
      String failure;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (ok.test(response)) {
          recorder.add(took);
          continue;
        }
        failure = "HTTP " + response.statusCode() + ": " + clip(response.body());
      } catch (IOException e) {
        failure = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      errors.incrementAndGet();
      firstError.compareAndSet(null, failure);
    }
  }

  private static HttpRequest request(URI uri, String body, Optional<String> bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    if (body == null) {
      builder.GET();
    } else {
      builder.header("Content-Type", "application/json");
      builder.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder.build();
  }

  static String table(
      Options options,
      String what,
      long pid,
      URI base,
      List<Endpoint> endpoints,
      List<Check> checks,
      ResourceSampler.Usage usage) {
    StringBuilder out = new StringBuilder();
    out.append(
        fmt(
            "perf-check: %s (pid %d) at %s; %d requests per endpoint, %d concurrent, %d warm-up;"
                + " %s%n%n",
            what,
            pid,
            base,
            options.requests(),
            options.concurrency(),
            options.warmup(),
            Machine.describe()));
    out.append("| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Endpoint e : endpoints) {
      out.append(
          fmt(
              "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n",
              e.name(),
              e.requests(),
              e.errors(),
              e.p50(),
              e.p95(),
              e.p99(),
              e.max(),
              e.perSecond()));
    }
    out.append(
        fmt(
            "%ngateway memory: %.0f MB resident at the start of the run, %.0f MB sampled peak,"
                + " %.0f MB VmHWM%n%n",
            usage.startRssKb() * 1024 / 1e6,
            usage.peakRssKb() * 1024 / 1e6,
            usage.hwmKb() * 1024 / 1e6));
    out.append("| check | threshold | measured | result |\n|---|---|---|---|\n");
    for (Check c : checks) {
      out.append(
          fmt(
              "| %s | %s | %s | %s |%n",
              c.name(), c.limit(), c.measured(), c.passed() ? "pass" : "**FAIL**"));
    }
    out.append('\n');
    return out.toString();
  }

  private static String json(
      Options options,
      URI base,
      List<Endpoint> endpoints,
      List<Check> checks,
      ResourceSampler.Usage usage,
      boolean passed) {
    ObjectNode root = Json.object();
    root.put("generated_unix_ms", System.currentTimeMillis());
    root.put("machine", Machine.describe());
    root.put("base_url", base.toString());
    root.put("requests", options.requests());
    root.put("concurrency", options.concurrency());
    root.put("warmup", options.warmup());
    ArrayNode list = root.putArray("endpoints");
    for (Endpoint e : endpoints) {
      ObjectNode n = list.addObject();
      n.put("name", e.name());
      n.put("requests", e.requests());
      n.put("errors", e.errors());
      n.put("p50_ms", e.p50());
      n.put("p95_ms", e.p95());
      n.put("p99_ms", e.p99());
      n.put("max_ms", e.max());
      n.put("requests_per_second", e.perSecond());
    }
    ObjectNode memory = root.putObject("gateway_memory");
    memory.put("start_rss_mb", usage.startRssKb() * 1024 / 1e6);
    memory.put("peak_sampled_rss_mb", usage.peakRssKb() * 1024 / 1e6);
    memory.put("hwm_mb", usage.hwmKb() * 1024 / 1e6);
    ArrayNode checkList = root.putArray("checks");
    for (Check c : checks) {
      ObjectNode n = checkList.addObject();
      n.put("name", c.name());
      n.put("threshold", c.limit());
      n.put("measured", c.measured());
      n.put("passed", c.passed());
    }
    root.put("passed", passed);
    return Json.write(root) + "\n";
  }

  private static URI uri(String text) {
    try {
      URI uri = URI.create(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("--base-url must be an http(s) URL, got '" + text + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--base-url must be an http(s) URL, got '" + text + "'", e);
    }
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : fmt("%s", value);
  }

  private static String clip(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
