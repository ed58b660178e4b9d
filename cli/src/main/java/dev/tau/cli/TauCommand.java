package dev.tau.cli;

import dev.tau.cli.commands.AskCommand;
import dev.tau.cli.commands.ChatCommand;
import dev.tau.cli.commands.DoctorCommand;
import dev.tau.cli.gateway.GatewayLauncher;
import dev.tau.cli.gateway.GatewayOptions;
import dev.tau.cli.gateway.ServerCommand;
import dev.tau.cli.operator.OperatorSummaryCommand;
import dev.tau.cli.operator.OperatorSummaryOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tau}: the root command. Without a subcommand it prints help. */
@Command(
    name = "tau",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Tau: a self-hosted AI agent runtime.",
      "Start the gateway with --gateway-openresponses-server (see docs/gateway.md)."
    },
    subcommands = {
      AskCommand.class,
      ChatCommand.class,
      DoctorCommand.class,
      dev.tau.cli.mcp.McpCommand.class,
      ServerCommand.class,
      dev.tau.cli.sessions.SessionsCommand.class,
      dev.tau.cli.telemetry.TelemetryCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 2 usage, 3 check failed, 4 incomplete, 10 provider, 11 store, 42 input,"
          + " 70 internal, 130 interrupted.",
      "Docs: docs/cli.md, docs/configuration.md, docs/providers.md"
    })
public final class TauCommand implements Callable<Integer> {
  private final Context context;

  @Spec CommandSpec spec;

  @Mixin GlobalOptions options;

  @Mixin GatewayOptions gateway = new GatewayOptions();

  @Mixin OperatorSummaryOptions operatorSummary = new OperatorSummaryOptions();

  TauCommand(Context context) {
    this.context = context;
    this.options = context.options();
  }

  public Context context() {
    return context;
  }

  public GatewayOptions gatewayOptions() {
    return gateway;
  }

  /** Without a subcommand: the gateway, a service lifecycle command, or the usage. */
  @Override
  public Integer call() throws InterruptedException {
    if (operatorSummary.requested()) {
      return OperatorSummaryCommand.run(
          operatorSummary, GatewayLauncher.stateDir(gateway, context), context);
    }
    if (GatewayLauncher.lifecycleRequested(gateway)) {
      return GatewayLauncher.lifecycle(gateway, context);
    }
    if (GatewayLauncher.serverRequested(gateway, context.env())) {
      return GatewayLauncher.serve(gateway, context);
    }
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
