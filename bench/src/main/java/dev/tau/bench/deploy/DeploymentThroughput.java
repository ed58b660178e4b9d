package dev.tau.bench.deploy;

import dev.tau.bench.load.Machine;
import dev.tau.core.json.Json;
import dev.tau.deploy.runner.CaseEvaluator;
import dev.tau.deploy.runner.CaseOutcome;
import dev.tau.deploy.runner.DeploymentCase;
import dev.tau.deploy.runner.DeploymentCycleReport;
import dev.tau.deploy.runner.DeploymentRunner;
import dev.tau.deploy.runner.DeploymentRunnerSettings;
import dev.tau.deploy.wasm.InspectReport;
import dev.tau.deploy.wasm.WasmDeliverables;
import dev.tau.deploy.wasm.WasmRuntimeProfile;
import dev.tau.testkit.wasm.WasmModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployment-runtime throughput through the production code paths, in temporary directories:
 *
 * <ul>
 *   <li><b>packaging</b>: {@link WasmDeliverables#pack} of one valid module of {@code
 *       --module-bytes} (2 MiB, the profiles' largest allowed artifact, by default): read, full
 *       Chicory parse, SHA-256, compliance, atomic artifact and manifest writes, the {@code
 *       wasm_deliverables} entry of {@code state.json}; and {@link WasmDeliverables#inspect} of the
 *       result (re-read, re-hash, re-parse);
 *   <li><b>contract runner</b>: {@link DeploymentRunner} over {@code --cases} generated cases
 *       (container, kubernetes and wasm successes, malformed cases), {@code --cycle-cases} new
 *       cases per cycle with the queue limit set to match, one runner across cycles, as a runner
 *       fed a growing fixture: each cycle loads and atomically saves {@code state.json}, writes the
 *       channel-store audit and appends a {@code runtime-events.jsonl} line.
 * </ul>
 *
 * <pre>
 * java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.deploy.DeploymentThroughput \
 *     [--module-bytes 2097152] [--packages 20] [--cases 2000] [--cycle-cases 64] [--runs 3] [--dir /tmp]
 * </pre>
 */
public final class DeploymentThroughput {
  private DeploymentThroughput() {}

  /** The options; every count must be positive. */
  record Options(
      int moduleBytes,
      int packages,
      int cases,
      int cycleCases,
      int runs,
      int blueprints,
      Path dir) {
    Options {
      if (moduleBytes < 64
          || packages <= 0
          || cases <= 0
          || cycleCases <= 0
          || runs <= 0
          || blueprints <= 0) {
        throw new IllegalArgumentException(
            "--module-bytes must be >= 64; --packages, --cases, --cycle-cases, --runs and"
                + " --blueprints must be > 0");
      }
    }

    static Options parse(String[] args) {
      int moduleBytes = 2 * 1024 * 1024;
      int packages = 20;
      int cases = 2_000;
      int cycle = 64;
      int runs = 3;
      int blueprints = 20;
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
            case "--module-bytes" -> moduleBytes = Integer.parseInt(value);
            case "--packages" -> packages = Integer.parseInt(value);
            case "--cases" -> cases = Integer.parseInt(value);
            case "--cycle-cases" -> cycle = Integer.parseInt(value);
            case "--runs" -> runs = Integer.parseInt(value);
            case "--blueprints" -> blueprints = Integer.parseInt(value);
            case "--dir" -> dir = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option " + flag);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + " must be a number (got '" + value + "')");
        }
      }
      return new Options(moduleBytes, packages, cases, cycle, runs, blueprints, dir);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "DeploymentThroughput: "
              + e.getMessage()
              + "\nusage: DeploymentThroughput [--module-bytes N] [--packages N] [--cases N]"
              + " [--cycle-cases N] [--runs N] [--blueprints N] [--dir DIR]");
      System.exit(2);
      return;
    }
    System.out.println("machine: " + Machine.describe());
    packaging(options);
    runner(options);
    System.out.printf(Locale.ROOT, "load average at end %.2f%n", Machine.loadAverage());
  }

  // ---- packaging -------------------------------------------------------------------------

  private static void packaging(Options options) throws IOException {
    byte[] module = moduleOfExactly(options.moduleBytes());
    Path work = Files.createTempDirectory(options.dir(), "tau-bench-wasm-");
    try {
      Path modulePath = work.resolve("edge-runtime.wasm");
      Files.write(modulePath, module);
      WasmDeliverables deliverables = new WasmDeliverables(Clock.systemUTC());
      System.out.printf(
          Locale.ROOT,
          "packaging: module %d bytes (%.2f MiB), profile wasm_wasi, %d packages per run, %d runs,"
              + " state under %s%n",
          module.length,
          module.length / 1048576.0,
          options.packages(),
          options.runs(),
          work);
      // warm-up: as many packages as one run, into its own output and state dirs
      packRun(deliverables, modulePath, work.resolve("warm"), options.packages());
      for (int r = 1; r <= options.runs(); r++) {
        Path runDir = work.resolve("run-" + r);
        long[] pack = packRun(deliverables, modulePath, runDir, options.packages());
        Path manifest = manifestOf(runDir.resolve("out"));
        long inspectStart = System.nanoTime();
        for (int i = 0; i < options.packages(); i++) {
          InspectReport report = WasmDeliverables.inspect(manifest);
          if (!report.compliant()) {
            throw new IllegalStateException("inspect found the packaged module non-compliant");
          }
        }
        long inspectNanos = System.nanoTime() - inspectStart;
        System.out.printf(
            Locale.ROOT,
            "run %d: package %.1f ms/op → %.1f MB/s (min %.1f ms); inspect %.1f ms/op → %.1f MB/s%n",
            r,
            pack[0] / 1e6 / options.packages(),
            mbPerSecond(module.length, options.packages(), pack[0]),
            pack[1] / 1e6,
            inspectNanos / 1e6 / options.packages(),
            mbPerSecond(module.length, options.packages(), inspectNanos));
      }
    } finally {
      deleteTree(work);
    }
  }

  /** Packages {@code count} times; returns the total and the fastest single time in ns. */
  private static long[] packRun(WasmDeliverables deliverables, Path module, Path runDir, int count)
      throws IOException {
    long total = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      var report =
          deliverables.pack(
              new WasmDeliverables.PackageRequest(
                  module,
                  "edge-bench-" + i,
                  WasmRuntimeProfile.WASM_WASI,
                  runDir.resolve("out"),
                  runDir.resolve("state")));
      long took = System.nanoTime() - start;
      if (report.manifest().artifactSizeBytes() != Files.size(module)) {
        throw new IllegalStateException("the packaged artifact has the wrong size");
      }
      total += took;
      min = Math.min(min, took);
    }
    return new long[] {total, min};
  }

  private static Path manifestOf(Path outDir) throws IOException {
    try (Stream<Path> files = Files.walk(outDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".manifest.json"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no manifest under " + outDir));
    }
  }

  /**
   * A valid {@code wasi:*} module of exactly {@code size} bytes: testkit's builder with one data
   * segment whose length is adjusted for the LEB128 length prefixes.
   */
  static byte[] moduleOfExactly(int size) {
    int data = size;
    for (int attempt = 0; attempt < 16; attempt++) {
      byte[] module = build(Math.max(0, data));
      if (module.length == size) {
        return module;
      }
      data -= module.length - size;
    }
    throw new IllegalArgumentException("cannot build a module of exactly " + size + " bytes");
  }

  private static byte[] build(int dataBytes) {
    byte[] payload = new byte[dataBytes];
    // not all zeros, so the hash and the writes see ordinary bytes
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + (i >>> 8));
    }
    int pages = Math.max(1, dataBytes / 65_536 + 1);
    return WasmModules.builder()
        .importFunction("wasi:cli/environment@0.2.0", "get-environment")
        .memory(pages, pages)
        .function("_start", WasmModules.STORE_42)
        .data(payload)
        .build();
  }

  private static double mbPerSecond(long bytes, int count, long nanos) {
    return bytes * (double) count / 1e6 / (nanos / 1e9);
  }

  // ---- contract runner ---------------------------------------------------------------------

  private static void runner(Options options) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "contract runner: %d cases per run over %d blueprints (60%% container/kubernetes 202, 25%%"
            + " wasm 201, 15%% malformed 400), %d new cases per cycle (queue limit), %d runs +"
            + " 1 warm-up%n",
        options.cases(),
        options.blueprints(),
        options.cycleCases(),
        options.runs());
    for (int r = 0; r <= options.runs(); r++) {
      List<DeploymentCase> cases = cases(options.cases(), options.blueprints(), r);
      Path state = Files.createTempDirectory(options.dir(), "tau-bench-deploy-");
      try {
        DeploymentRunner runner =
            new DeploymentRunner(
                state,
                new DeploymentRunnerSettings(options.cycleCases(), 10_000, 4, 0),
                new CaseEvaluator(
                    manifest -> {
                      throw new IllegalStateException("the benchmark cases name no manifest");
                    },
                    state),
                Clock.systemUTC(),
                millis -> {},
                warning -> System.err.println("warning: " + warning));
        long applied = 0;
        long malformed = 0;
        int cycles = 0;
        long start = System.nanoTime();
        for (int from = 0; from < cases.size(); from += options.cycleCases()) {
          List<DeploymentCase> batch =
              cases.subList(from, Math.min(cases.size(), from + options.cycleCases()));
          DeploymentCycleReport report = runner.runCycle(batch);
          applied += report.applied();
          malformed += report.malformed();
          cycles++;
        }
        long nanos = System.nanoTime() - start;
        if (applied + malformed != cases.size()) {
          throw new IllegalStateException(
              "the runner finished " + (applied + malformed) + " of " + cases.size() + " cases");
        }
        System.out.printf(
            Locale.ROOT,
            "%s: %d cases (%d applied, %d malformed) in %d cycles, %.1f ms → %.0f cases/s,"
                + " %.1f µs/case; state.json %d bytes%n",
            r == 0 ? "warm-up" : "run " + r,
            cases.size(),
            applied,
            malformed,
            cycles,
            nanos / 1e6,
            cases.size() / (nanos / 1e9),
            nanos / 1e3 / cases.size(),
            Files.size(state.resolve("state.json")));
      } finally {
        deleteTree(state);
      }
    }
  }

  /** Generated cases with the exact expectations a fixture author would write for them. */
  static List<DeploymentCase> cases(int count, int blueprints, int run) {
    List<DeploymentCase> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "r%d-case-%07d", run, i);
      String blueprint = "bp-" + (i % blueprints);
      String environment = i % 3 == 0 ? "production" : "staging";
      String region = i % 2 == 0 ? "iad" : "fra";
      int kind = i % 20;
      if (kind < 12) {
        String target = kind % 2 == 0 ? "container" : "kubernetes";
        String image = "ghcr.io/tau-dev/tau-gateway:1." + (i % 10);
        ObjectNode body = accepted(blueprint, target, "native", environment, region, 2);
        body.put("rollout_strategy", target.equals("container") ? "recreate" : "rolling");
        body.put("artifact", image);
        out.add(
            new DeploymentCase(
                1,
                id,
                target,
                "native",
                blueprint,
                environment,
                region,
                image,
                "",
                "",
                2,
                false,
                new DeploymentCase.Expected(CaseOutcome.SUCCESS, 202, "", body)));
      } else if (kind < 17) {
        String module = "edge/runtime-" + (i % 10) + ".wasm";
        ObjectNode body = accepted(blueprint, "wasm", "wasm_wasi", environment, region, 1);
        body.put("rollout_strategy", "canary");
        body.put("artifact", module);
        out.add(
            new DeploymentCase(
                1,
                id,
                "wasm",
                "wasm_wasi",
                blueprint,
                environment,
                region,
                "",
                module,
                "",
                1,
                false,
                new DeploymentCase.Expected(CaseOutcome.SUCCESS, 201, "", body)));
      } else {
        ObjectNode body = Json.object();
        body.put("status", "rejected");
        body.put("reason", "invalid_replica_count");
        out.add(
            new DeploymentCase(
                1,
                id,
                "container",
                "native",
                blueprint,
                environment,
                region,
                "ghcr.io/tau-dev/tau-gateway:1.0",
                "",
                "",
                0,
                false,
                new DeploymentCase.Expected(
                    CaseOutcome.MALFORMED_INPUT, 400, "deployment_invalid_blueprint", body)));
      }
    }
    return out;
  }

  private static ObjectNode accepted(
      String blueprint,
      String target,
      String runtime,
      String environment,
      String region,
      int replicas) {
    ObjectNode body = Json.object();
    body.put("status", "accepted");
    body.put("blueprint_id", blueprint);
    body.put("deploy_target", target);
    body.put("runtime_profile", runtime);
    body.put("environment", environment);
    body.put("region", region);
    body.put("replicas", replicas);
    return body;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
