package dev.tau.core.error;

/** Process exit codes by error category. Documented in docs/cli.md; scripts depend on them. */
public enum ExitCode {
  OK(0),
  /** The command line could not be parsed (unknown flag, missing value). */
  USAGE(2),
  /** The model provider failed or is not configured (auth, rate limit, unreachable). */
  PROVIDER(10),
  /** The session store failed (open, migrate, read, write). */
  STORE(11),
  /** The input was invalid (bad config file, bad value, missing prompt). */
  INPUT(42),
  /** A health check found something required broken (doctor). */
  CHECK_FAILED(3),
  /** The run stopped at a limit (max turns, max tool calls) before a final answer. */
  INCOMPLETE(4),
  /** A bug: retry with --verbose and report it. */
  INTERNAL(70),
  /** The user interrupted the run. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
