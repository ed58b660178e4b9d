package dev.tau.gates.evals;

import dev.tau.core.json.Json;
import dev.tau.gates.cli.GateArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deterministic agent evaluation of {@code make quality-gate}: runs the eval cases through the
 * real agent on the scripted offline provider ({@link EvalSuite}), prints one line per case, writes
 * the results to {@code <out-dir>/<UTC timestamp>.json} and fails when the pass rate is below the
 * threshold.
 *
 * <pre>
 * java -cp "gates/target/tau-gates.jar:gates/target/lib/*" dev.tau.gates.evals.EvalRunner \
 *     [--cases file.json] [--min-pass-rate 1.0] [--out-dir .tau/evals]
 * </pre>
 *
 * <p>Exit status: 0 pass rate at or above the threshold, 1 below it, 2 bad options or a malformed
 * case file.
 */
public final class EvalRunner {
  /** The cases shipped with Tau, on the classpath. */
  static final String BUILT_IN = "/dev/tau/gates/evals/cases.json";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String USAGE =
      """
      usage: EvalRunner [--cases <file.json>] [--min-pass-rate <0..1>] [--out-dir <dir>]
        --cases          a JSON array of eval cases (default: the built-in cases)
        --min-pass-rate  the share of cases that must pass (default 1.0)
        --out-dir        where the results file goes (default .tau/evals)
      """;

  private EvalRunner() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Clock.systemUTC()));
  }

  /** Runs the evaluation as the command line asks; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    List<EvalCase> cases;
    String source;
    double minPassRate;
    Path outDir;
    try {
      Map<String, String> options =
          GateArgs.parse(args, Set.of("--cases", "--min-pass-rate", "--out-dir"));
      if (options.containsKey("--help")) {
        out.print(USAGE);
        return 0;
      }
      minPassRate = GateArgs.number(options, "--min-pass-rate", 1.0, 0.0, 1.0);
      outDir = Path.of(options.getOrDefault("--out-dir", ".tau/evals"));
      source = options.getOrDefault("--cases", "built-in cases");
      String text = options.containsKey("--cases") ? read(Path.of(source)) : builtIn();
      cases = EvalCase.parseAll(text, source);
    } catch (IllegalArgumentException e) {
      err.println("evals: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("evals: cannot read the cases: " + e.getMessage());
      return 2;
    }

    List<EvalSuite.CaseResult> results = new EvalSuite(clock).run(cases);
    long passed = results.stream().filter(EvalSuite.CaseResult::passed).count();
    double rate = (double) passed / results.size();
    boolean ok = rate >= minPassRate;
    for (EvalSuite.CaseResult r : results) {
      out.printf(
          Locale.ROOT,
          "%s %-32s %-14s tools %s%n",
          r.passed() ? "PASS" : "FAIL",
          r.id(),
          r.outcome(),
          r.toolCalls());
      r.failures().forEach(f -> out.println("       - " + f));
    }
    Path file = outDir.resolve(STAMP.format(clock.instant()) + ".json");
    try {
      Files.createDirectories(outDir);
      Files.writeString(
          file, report(results, source, rate, minPassRate, ok, clock), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      err.println("evals: cannot write " + file + ": " + e.getMessage());
      return 2;
    }
    out.printf(
        Locale.ROOT,
        "evals: %d/%d passed (%.0f%%), threshold %.0f%%; results in %s%n",
        passed,
        results.size(),
        rate * 100,
        minPassRate * 100,
        file);
    if (!ok) {
      err.printf(
          Locale.ROOT,
          "evals: FAILED: pass rate %.1f%% is below --min-pass-rate %.1f%% (%d of %d cases"
              + " failed)%n",
          rate * 100,
          minPassRate * 100,
          results.size() - passed,
          results.size());
      return 1;
    }
    return 0;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String builtIn() throws IOException {
    try (InputStream in = EvalRunner.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IOException("the built-in cases " + BUILT_IN + " are not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String report(
      List<EvalSuite.CaseResult> results,
      String source,
      double rate,
      double minPassRate,
      boolean ok,
      Clock clock) {
    ObjectNode root = Json.object();
    root.put("generated_unix_ms", clock.millis());
    root.put("cases_source", source);
    root.put("total", results.size());
    root.put("passed", results.stream().filter(EvalSuite.CaseResult::passed).count());
    root.put("pass_rate", rate);
    root.put("min_pass_rate", minPassRate);
    root.put("gate_passed", ok);
    ArrayNode list = root.putArray("cases");
    for (EvalSuite.CaseResult r : results) {
      ObjectNode c = list.addObject();
      c.put("id", r.id());
      c.put("passed", r.passed());
      c.put("outcome", r.outcome());
      ArrayNode calls = c.putArray("tool_calls");
      r.toolCalls().forEach(calls::add);
      c.put("tool_errors", r.toolErrors());
      c.put("answer", r.answer());
      ArrayNode failures = c.putArray("failures");
      r.failures().forEach(failures::add);
      c.put("micros", r.micros());
    }
    return Json.write(root) + "\n";
  }
}
