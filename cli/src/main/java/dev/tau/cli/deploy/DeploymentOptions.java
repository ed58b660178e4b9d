package dev.tau.cli.deploy;

import dev.tau.core.error.InputException;
import dev.tau.deploy.runner.DeploymentRunnerSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The deployment contract runner's flags and its status report (tau-spec §4.1, the deployment
 * runbook), given on the root command: {@code bin/tau --deployment-state-dir .tau/deployment
 * --deployment-contract-runner …}. {@code --deployment-state-dir} is declared once, in {@link
 * DeploymentStateDirOption}; {@code --transport-health-inspect deployment} is the shared flag of
 * the multi-channel options. Every value flag has an environment variable {@code TAU_} + the flag
 * in upper snake case ({@code TAU_DEPLOYMENT_QUEUE_LIMIT}); a flag wins over its variable.
 */
public final class DeploymentOptions {
  static final String DEFAULT_FIXTURE =
      "crates/tau-coding-agent/testdata/deployment-contract/mixed-outcomes.json";

  /** The {@code --transport-health-inspect} target of the deployment runtime. */
  public static final String HEALTH_TARGET = "deployment";

  @Option(
      names = "--deployment-contract-runner",
      description = "Run one deployment cycle over a contract fixture (--deployment-fixture).")
  boolean contractRunner;

  @Option(
      names = "--deployment-fixture",
      paramLabel = "FILE",
      description = "Deployment contract fixture (default " + DEFAULT_FIXTURE + ").")
  String fixture;

  @Option(
      names = "--deployment-queue-limit",
      paramLabel = "N",
      description =
          "New cases taken per cycle; processed cases never count, the rest wait (default 64).")
  String queueLimit;

  @Option(
      names = "--deployment-processed-case-cap",
      paramLabel = "N",
      description = "Processed case keys remembered for dedupe (default 10000).")
  String processedCaseCap;

  @Option(
      names = "--deployment-retry-max-attempts",
      paramLabel = "N",
      description = "Attempts per retryable case and cycle (default 4).")
  String retryMaxAttempts;

  @Option(
      names = "--deployment-retry-base-delay-ms",
      paramLabel = "MS",
      description = "Retry backoff base: base * 2^(attempt-1) (default 0 = no wait).")
  String retryBaseDelayMs;

  @Option(
      names = "--deployment-status-inspect",
      description =
          "Print the deployment health, rollout gate, rollout counts and freshness, then exit.")
  boolean statusInspect;

  @Option(
      names = "--deployment-status-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --deployment-status-inspect: print JSON.")
  Boolean statusJson;

  /**
   * Whether a deployment mode was asked for: the runner, the status report, or the transport health
   * of {@code deployment}.
   *
   * @param transportHealthTarget the {@code --transport-health-inspect} value, or null
   */
  public boolean requested(String transportHealthTarget) {
    return contractRunner || statusInspect || isHealthTarget(transportHealthTarget);
  }

  /** Whether {@code --transport-health-inspect} names the deployment runtime. */
  public static boolean isHealthTarget(String target) {
    return target != null && target.strip().toLowerCase(Locale.ROOT).equals(HEALTH_TARGET);
  }

  Path fixture(Map<String, String> env, Path workingDir) {
    return workingDir.resolve(value(fixture, env, "TAU_DEPLOYMENT_FIXTURE", DEFAULT_FIXTURE));
  }

  /**
   * The runner limits.
   *
   * @throws InputException naming the flag when a value is malformed or out of range
   */
  DeploymentRunnerSettings runnerSettings(Map<String, String> env) {
    return new DeploymentRunnerSettings(
        (int)
            number(
                "--deployment-queue-limit",
                value(queueLimit, env, "TAU_DEPLOYMENT_QUEUE_LIMIT", "64"),
                1,
                1_000_000),
        (int)
            number(
                "--deployment-processed-case-cap",
                value(processedCaseCap, env, "TAU_DEPLOYMENT_PROCESSED_CASE_CAP", "10000"),
                1,
                10_000_000),
        (int)
            number(
                "--deployment-retry-max-attempts",
                value(retryMaxAttempts, env, "TAU_DEPLOYMENT_RETRY_MAX_ATTEMPTS", "4"),
                1,
                100),
        number(
            "--deployment-retry-base-delay-ms",
            value(retryBaseDelayMs, env, "TAU_DEPLOYMENT_RETRY_BASE_DELAY_MS", "0"),
            0,
            3_600_000));
  }

  private static String value(
      String flag, Map<String, String> env, String variable, String fallback) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
  }

  private static long number(String flag, String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new InputException(flag + " must be a whole number, got '" + text.strip() + "'");
    }
    if (value < min || value > max) {
      throw new InputException(flag + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
