package dev.tau.cli;

import dev.tau.cli.telemetry.CommandTelemetry;
import dev.tau.core.error.ExitCode;
import dev.tau.core.json.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/** Entry point: builds the command line, runs it, maps failures to exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), new Terminals.System());
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command line with the given environment; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, Terminals terminals) {
    CommandLine cli = commandLine(env, terminals);
    return cli.execute(args);
  }

  /** The configured command line (exposed for tests that capture output). */
  public static CommandLine commandLine(Map<String, String> env, Terminals terminals) {
    Context context = new Context(env, terminals);
    CommandLine cli = new CommandLine(new TauCommand(context));
    cli.setOut(terminals.out());
    cli.setErr(terminals.err());
    cli.setCaseInsensitiveEnumValuesAllowed(false);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          if (java.util.Arrays.asList(argv).contains("--json")) {
            return report(ex, true, false, ex.getCommandLine());
          }
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("tau: " + ex.getMessage());
          err.println(
              "Run '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          err.flush();
          return ExitCode.USAGE.code();
        });
    cli.setExecutionStrategy(
        parsed -> {
          try {
            return executeObserved(parsed, context);
          } finally {
            // MCP server processes end with the command, whatever way it ends
            context.close();
          }
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) ->
            report(ex, context.json(), context.verbose(), commandLine));
    return cli;
  }

  /**
   * Runs the parsed command between {@code command.started} and {@code command.completed}/{@code
   * failed} telemetry events; help and version requests are not commands and emit nothing.
   */
  private static int executeObserved(CommandLine.ParseResult parsed, Context context)
      throws CommandLine.ExecutionException {
    CommandLine.RunLast run = new CommandLine.RunLast();
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return run.execute(parsed);
      }
    }
    java.time.Clock clock = java.time.Clock.systemUTC();
    dev.tau.cli.config.TauSettings settings;
    try {
      settings = context.settings();
    } catch (RuntimeException badConfig) {
      // the command reports the bad config itself; there is no sink to write to
      return run.execute(parsed);
    }
    String label = CommandTelemetry.label(parsed);
    context.telemetry(
        CommandTelemetry.sink(
            settings, label, context.workingDir(), clock, context.terminals().err()));
    try {
      return CommandTelemetry.around(
          context.telemetry(),
          CommandTelemetry.started(settings),
          clock,
          () -> run.execute(parsed));
    } catch (CommandLine.ExecutionException e) {
      throw e;
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(
          parsed.commandSpec().commandLine(), e.getMessage(), e);
    }
  }

  static int report(Exception ex, boolean json, boolean verbose, CommandLine commandLine) {
    Failure failure = Failure.of(ex);
    if (json) {
      ObjectNode root = Json.object();
      ObjectNode error = root.putObject("error");
      error.put("code", failure.code());
      error.put("category", failure.exitCode().name().toLowerCase(java.util.Locale.ROOT));
      error.put("message", failure.message());
      error.put("exit_code", failure.exitCode().code());
      PrintWriter out = commandLine.getOut();
      out.println(Json.write(root));
      out.flush();
    } else {
      PrintWriter err = commandLine.getErr();
      err.println("tau: error: " + failure.message());
      if (!failure.hint().isEmpty()) {
        err.println("hint: " + failure.hint());
      }
      if (verbose) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
          err.println("  caused by: " + cause);
        }
      }
      err.flush();
    }
    return failure.exitCode().code();
  }
}
