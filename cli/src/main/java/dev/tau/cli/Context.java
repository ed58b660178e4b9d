package dev.tau.cli;

import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.TauSettings;
import dev.tau.telemetry.Telemetry;
import java.nio.file.Path;
import java.util.Map;

/** What every command shares: the environment, the streams and the parsed global flags. */
public final class Context {
  private final Map<String, String> env;
  private final Terminals terminals;
  private final GlobalOptions options = new GlobalOptions();
  private volatile Telemetry telemetry = Telemetry.disabled();

  Context(Map<String, String> env, Terminals terminals) {
    this.env = Map.copyOf(env);
    this.terminals = terminals;
  }

  public Map<String, String> env() {
    return env;
  }

  public Terminals terminals() {
    return terminals;
  }

  public GlobalOptions options() {
    return options;
  }

  /** The telemetry sink of this command run (disabled until the command line is parsed). */
  public Telemetry telemetry() {
    return telemetry;
  }

  void telemetry(Telemetry value) {
    this.telemetry = java.util.Objects.requireNonNull(value, "telemetry");
  }

  public boolean json() {
    return options.json();
  }

  public boolean verbose() {
    return options.verbose();
  }

  /** The working directory ({@code user.dir}). */
  public Path workingDir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  /** Resolves settings from flags, env, the config profile and defaults. */
  public TauSettings settings() {
    return SettingsResolver.resolve(options.overrides(), env, workingDir());
  }
}
