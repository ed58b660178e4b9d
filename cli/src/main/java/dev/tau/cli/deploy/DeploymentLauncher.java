package dev.tau.cli.deploy;

import dev.tau.channels.runtime.StatusInspect;
import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.deploy.runner.CaseEvaluator;
import dev.tau.deploy.runner.DeploymentCycleReport;
import dev.tau.deploy.runner.DeploymentFixture;
import dev.tau.deploy.runner.DeploymentRunner;
import dev.tau.deploy.runner.DeploymentRunnerSettings;
import dev.tau.deploy.runner.DeploymentStateException;
import dev.tau.deploy.runner.DeploymentStatus;
import dev.tau.deploy.runner.FixtureException;
import dev.tau.deploy.wasm.WasmDeliverables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs {@link DeploymentOptions}: one contract runner cycle, the status report, or {@code
 * --transport-health-inspect deployment}. Exit codes: 0 ok (a degraded or failing cycle is still a
 * cycle that ran: its health is in the output and the state), 42 for a bad fixture, a case that
 * breaks its expectation, bad limits, or a state that is missing or cannot be written.
 */
public final class DeploymentLauncher {
  private DeploymentLauncher() {}

  /**
   * The health flags of the shared {@code --transport-health-inspect} option.
   *
   * @param target its value, or null
   * @param json {@code --transport-health-json}, or null
   */
  public record HealthFlags(String target, Boolean json) {}

  /**
   * @param stateDir {@code --deployment-state-dir}
   * @param otherModes the other modes given on the same command line (each is refused alongside a
   *     deployment mode)
   */
  public static int run(
      DeploymentOptions o, Path stateDir, HealthFlags health, List<String> otherModes, Context ctx)
      throws InterruptedException {
    checkCombination(o, health, otherModes);
    stateDir = ctx.workingDir().resolve(stateDir);
    if (DeploymentOptions.isHealthTarget(health.target())) {
      return transportHealth(health, stateDir, ctx);
    }
    if (o.statusInspect) {
      return status(o, stateDir, ctx);
    }
    return runner(o, stateDir, ctx);
  }

  private static void checkCombination(
      DeploymentOptions o, HealthFlags health, List<String> otherModes) {
    List<String> modes = new ArrayList<>();
    if (o.contractRunner) {
      modes.add("--deployment-contract-runner");
    }
    if (o.statusInspect) {
      modes.add("--deployment-status-inspect");
    }
    if (DeploymentOptions.isHealthTarget(health.target())) {
      modes.add("--transport-health-inspect deployment");
    }
    modes.addAll(otherModes);
    if (modes.size() > 1) {
      throw new InputException(String.join(", ", modes) + " cannot be combined; give one");
    }
    if (o.statusJson != null && !o.statusInspect) {
      throw new InputException("--deployment-status-json requires --deployment-status-inspect");
    }
    if (o.fixture != null && !o.contractRunner) {
      throw new InputException("--deployment-fixture requires --deployment-contract-runner");
    }
  }

  private static boolean on(Boolean flag, Context ctx) {
    return Boolean.TRUE.equals(flag) || ctx.json();
  }

  private static int transportHealth(HealthFlags health, Path stateDir, Context ctx) {
    var rows = inspect(() -> DeploymentStatus.health(stateDir));
    PrintWriter out = ctx.terminals().out();
    if (on(health.json(), ctx)) {
      out.println(Json.write(rows));
    } else {
      rows.forEach(row -> out.println(StatusInspect.healthLine(row)));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private static int status(DeploymentOptions o, Path stateDir, Context ctx) {
    var report = inspect(() -> DeploymentStatus.status(stateDir, System.currentTimeMillis()));
    PrintWriter out = ctx.terminals().out();
    out.println(on(o.statusJson, ctx) ? Json.write(report) : DeploymentStatus.statusLine(report));
    out.flush();
    return ExitCode.OK.code();
  }

  private static <T> T inspect(Supplier<T> report) {
    try {
      return report.get();
    } catch (DeploymentStatus.StateUnavailable e) {
      throw new InputException(e.getMessage());
    }
  }

  private static int runner(DeploymentOptions o, Path stateDir, Context ctx)
      throws InterruptedException {
    DeploymentRunnerSettings settings;
    try {
      settings = o.runnerSettings(ctx.env());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    PrintWriter out = ctx.terminals().out();
    PrintWriter err = ctx.terminals().err();
    try {
      DeploymentFixture fixture = DeploymentFixture.load(o.fixture(ctx.env(), ctx.workingDir()));
      DeploymentRunner runner =
          new DeploymentRunner(
              stateDir,
              settings,
              new CaseEvaluator(WasmDeliverables.runnerLoader(), ctx.workingDir()),
              Clock.systemUTC(),
              Thread::sleep,
              warning -> {
                err.println("tau: " + warning);
                err.flush();
              });
      DeploymentCycleReport report = runner.runCycle(fixture);
      out.println(report.summaryLine());
      out.println(report.healthLine());
      out.flush();
      return ExitCode.OK.code();
    } catch (FixtureException | DeploymentStateException e) {
      throw new InputException(e.getMessage(), e);
    }
  }
}
