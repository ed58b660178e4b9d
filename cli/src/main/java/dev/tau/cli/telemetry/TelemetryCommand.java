package dev.tau.cli.telemetry;

import dev.tau.cli.Context;
import dev.tau.cli.TauCommand;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.telemetry.TelemetryReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tau telemetry}: reads the telemetry file. */
@Command(
    name = "telemetry",
    description = "Read the telemetry events file (see docs/telemetry.md).",
    subcommands = {TelemetryCommand.Report.class})
public final class TelemetryCommand implements Callable<Integer> {
  @ParentCommand TauCommand root;

  @Override
  public Integer call() {
    root.context().terminals().out().println("Usage: tau telemetry report [--path P] [--limit N]");
    root.context().terminals().out().flush();
    return 0;
  }

  /**
   * {@code tau telemetry report [--path P] [--limit N]} (zavora-spec §7.3); the global {@code
   * --json} prints one JSON object instead.
   */
  @Command(
      name = "report",
      description = "Summarise the newest events: runs, command outcomes, tool lifecycle.")
  public static final class Report implements Callable<Integer> {
    @ParentCommand TelemetryCommand parent;

    @Option(
        names = "--path",
        paramLabel = "P",
        description = "The events file (default: the configured telemetry_path).")
    String path;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "" + TelemetryReport.DEFAULT_LIMIT,
        description = "How many of the newest lines to analyse (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      Context ctx = parent.root.context();
      String shown = path != null ? path : ctx.settings().telemetryPath().value();
      if (shown == null || shown.isBlank()) {
        throw new InputException("--path must not be empty");
      }
      Path file = ctx.workingDir().resolve(shown);
      Optional<TelemetryReport> report;
      try {
        report = TelemetryReport.read(file, shown, limit);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("could not read telemetry file " + shown, e);
      }
      PrintWriter out = ctx.terminals().out();
      boolean asJson = ctx.json();
      if (report.isEmpty()) {
        out.println(
            asJson
                ? Json.write(TelemetryReport.missingJson(shown))
                : TelemetryReport.missing(shown));
      } else if (asJson) {
        out.println(Json.write(report.get().toJson()));
      } else {
        report.get().lines().forEach(out::println);
      }
      out.flush();
      return 0;
    }
  }
}
