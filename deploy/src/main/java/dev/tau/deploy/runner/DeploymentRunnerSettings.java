package dev.tau.deploy.runner;

/**
 * The contract runner's limits (tau-spec §4.1): new cases taken per cycle, processed keys
 * remembered, attempts per case and cycle, and the retry backoff base ({@code base *
 * 2^(attempt-1)}, exponent capped at 10; 0 disables waiting).
 */
public record DeploymentRunnerSettings(
    int queueLimit, int processedCaseCap, int retryMaxAttempts, long retryBaseDelayMs) {

  public static final DeploymentRunnerSettings DEFAULTS =
      new DeploymentRunnerSettings(64, 10_000, 4, 0);

  public DeploymentRunnerSettings {
    positive(queueLimit, "deployment-queue-limit");
    positive(processedCaseCap, "deployment-processed-case-cap");
    positive(retryMaxAttempts, "deployment-retry-max-attempts");
    if (retryBaseDelayMs < 0) {
      throw new IllegalArgumentException(
          "deployment-retry-base-delay-ms must be >= 0 (got " + retryBaseDelayMs + ")");
    }
  }

  /** The wait before retry {@code attempt} (1-based: the wait after the first failed attempt). */
  public long delayMs(int attempt) {
    if (retryBaseDelayMs == 0) {
      return 0;
    }
    int exponent = Math.min(10, Math.max(0, attempt - 1));
    long factor = 1L << exponent;
    return retryBaseDelayMs > Long.MAX_VALUE / factor ? Long.MAX_VALUE : retryBaseDelayMs * factor;
  }

  private static void positive(long value, String flag) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be > 0 (got " + value + ")");
    }
  }
}
