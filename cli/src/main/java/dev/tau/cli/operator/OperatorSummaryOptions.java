package dev.tau.cli.operator;

import picocli.CommandLine.Option;

/**
 * The operator control summary flags (tau-spec §3.3), given on the root command: {@code bin/tau
 * --operator-control-summary [--operator-control-summary-json]}. A preflight command: it reads
 * local state files and exits without building a model provider.
 */
public final class OperatorSummaryOptions {
  @Option(
      names = "--operator-control-summary",
      description =
          "Print the operator control summary of the local .tau state (components, daemon,"
              + " release channel) and exit.")
  boolean summary;

  @Option(
      names = "--operator-control-summary-json",
      arity = "0..1",
      paramLabel = "true|false",
      description = "With --operator-control-summary: print JSON.")
  boolean json;

  @Option(
      names = "--operator-control-summary-snapshot-out",
      paramLabel = "PATH",
      description = "With --operator-control-summary: also write the JSON report to PATH.")
  String snapshotOut;

  /** Whether the summary was asked for, or one of its modifiers (which then need it). */
  public boolean requested() {
    return summary || json || snapshotOut != null;
  }
}
