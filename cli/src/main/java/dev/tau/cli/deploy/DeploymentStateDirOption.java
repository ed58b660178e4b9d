package dev.tau.cli.deploy;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --deployment-state-dir} (env {@code TAU_DEPLOYMENT_STATE_DIR}, default {@code
 * .tau/deployment}): the one declaration of the flag, shared by every deployment mode (the contract
 * runner and its reports, WASM packaging and smoke), since picocli refuses an option declared twice
 * on one command.
 */
public final class DeploymentStateDirOption {
  static final String DEFAULT = ".tau/deployment";
  static final String ENV = "TAU_DEPLOYMENT_STATE_DIR";

  @Option(
      names = "--deployment-state-dir",
      paramLabel = "DIR",
      description = "Deployment state directory (default .tau/deployment).")
  String value;

  /** The state directory: the flag, else {@code TAU_DEPLOYMENT_STATE_DIR}, else the default. */
  public Path stateDir(Map<String, String> env) {
    String chosen = value != null ? value : env.getOrDefault(ENV, DEFAULT);
    return Path.of(chosen.strip());
  }

  /** Whether the flag was given. */
  public boolean given() {
    return value != null;
  }
}
