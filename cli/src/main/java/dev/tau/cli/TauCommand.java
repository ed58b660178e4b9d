package dev.tau.cli;

import dev.tau.cli.commands.AskCommand;
import dev.tau.cli.commands.ChatCommand;
import dev.tau.cli.commands.DoctorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tau}: the root command. Without a subcommand it prints help. */
@Command(
    name = "tau",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Tau: a self-hosted AI agent runtime.",
    subcommands = {AskCommand.class, ChatCommand.class, DoctorCommand.class},
    footer = {
      "",
      "Exit codes: 0 ok, 2 usage, 3 check failed, 10 provider, 11 store, 12 tooling, 42 input,"
          + " 70 internal, 130 interrupted.",
      "Docs: docs/cli.md, docs/configuration.md, docs/providers.md"
    })
public final class TauCommand implements Runnable {
  private final Context context;

  @Spec CommandSpec spec;

  @Mixin GlobalOptions options;

  TauCommand(Context context) {
    this.context = context;
    this.options = context.options();
  }

  public Context context() {
    return context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
