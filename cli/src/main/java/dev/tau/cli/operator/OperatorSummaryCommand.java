package dev.tau.cli.operator;

import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** Runs {@code --operator-control-summary}: builds the report, prints it, optionally saves it. */
public final class OperatorSummaryCommand {
  private OperatorSummaryCommand() {}

  /**
   * @param gatewayStateDir the gateway state directory the gateway flags resolve to
   * @param deploymentStateDir the deployment state directory ({@code --deployment-state-dir})
   * @return the exit code: 0 whenever a report was printed (the posture is in the report)
   */
  public static int run(
      OperatorSummaryOptions options, Path gatewayStateDir, Path deploymentStateDir, Context ctx) {
    if (!options.summary) {
      throw new InputException(
          (options.json
                  ? "--operator-control-summary-json"
                  : "--operator-control-summary-snapshot-out")
              + " requires --operator-control-summary");
    }
    OperatorSummaryReport report =
        OperatorSummary.build(
            OperatorSummary.Locations.under(
                ctx.workingDir(),
                gatewayStateDir,
                ctx.workingDir().resolve(deploymentStateDir).normalize()),
            Clock.systemUTC());
    String json = Json.write(report.toJson());
    if (options.snapshotOut != null) {
      Path target = ctx.workingDir().resolve(options.snapshotOut.strip());
      try {
        AtomicFiles.write(target, json + "\n");
      } catch (IOException e) {
        throw new InputException(
            "cannot write --operator-control-summary-snapshot-out "
                + target
                + ": "
                + e.getMessage(),
            e);
      }
    }
    PrintWriter out = ctx.terminals().out();
    out.print(options.json || ctx.json() ? json + "\n" : report.toText());
    out.flush();
    return ExitCode.OK.code();
  }
}
