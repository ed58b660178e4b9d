package dev.tau.cli.gateway;

import dev.tau.cli.TauCommand;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.gateway.GatewayConfig;
import dev.tau.gateway.a2a.A2aEvents;
import dev.tau.gateway.a2a.A2aPing;
import dev.tau.gateway.a2a.A2aSmoke;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tau server}: the zavora-style entry to the same gateway server. */
@Command(
    name = "server",
    description = "Server mode.",
    subcommands = {ServerCommand.Serve.class, ServerCommand.A2aSmokeCommand.class})
public final class ServerCommand implements Runnable {
  @ParentCommand TauCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tau server serve --host H --port P}. */
  @Command(
      name = "serve",
      description = "Start the gateway (same server as --gateway-openresponses-server).")
  public static final class Serve implements Callable<Integer> {
    @ParentCommand ServerCommand server;

    @Option(names = "--host", paramLabel = "IP", description = "Bind address (default 127.0.0.1).")
    String host = GatewayConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 8787).")
    int port = 8787;

    @Override
    public Integer call() throws InterruptedException {
      if (host.equals("localhost")) {
        throw new InputException(
            "invalid server bind address 'localhost:"
                + port
                + "': use an IP address such as 127.0.0.1");
      }
      String bind = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      GatewayOptions options = server.root.gatewayOptions();
      GatewayConfig config =
          GatewayLauncher.config(options, server.root.context(), bind)
              .withDeploymentStateDir(
                  GatewayLauncher.deploymentDir(
                      server.root.deploymentStateDir(), server.root.context()));
      if (GatewayLauncher.channelsRequested(options, server.root.context().env())) {
        var channels = server.root.hostedChannels();
        dev.tau.cli.channels.HostedChannels.check(channels);
        return GatewayLauncher.serve(config, channels, server.root.context());
      }
      return GatewayLauncher.serve(config, server.root.context());
    }
  }

  /**
   * {@code tau server a2a-smoke}: the A2A ping contract checked in-process (no HTTP, no model, no
   * credentials). Exit 0 when it holds, 3 (check failed) when it does not.
   */
  @Command(
      name = "a2a-smoke",
      description = "Check the A2A request/ack contract in-process (no server, no model).")
  public static final class A2aSmokeCommand implements Callable<Integer> {
    @ParentCommand ServerCommand server;

    @Override
    public Integer call() {
      var ctx = server.root.context();
      var terminals = ctx.terminals();
      A2aEvents events = new A2aTelemetry(ctx.telemetry());
      A2aSmoke.Result result = A2aSmoke.run(new A2aPing(events), events);
      return switch (result) {
        case A2aSmoke.Result.Passed p -> {
          terminals.out().println(p.message());
          terminals.out().flush();
          yield ExitCode.OK.code();
        }
        case A2aSmoke.Result.Failed f -> {
          terminals.err().println(f.message());
          terminals.err().flush();
          yield ExitCode.CHECK_FAILED.code();
        }
      };
    }
  }
}
