package dev.tau.cli.gateway;

import dev.tau.cli.TauCommand;
import dev.tau.core.error.InputException;
import dev.tau.gateway.GatewayConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tau server}: the zavora-style entry to the same gateway server. */
@Command(name = "server", description = "Server mode.", subcommands = ServerCommand.Serve.class)
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
      GatewayConfig config = GatewayLauncher.config(options, server.root.context(), bind);
      return GatewayLauncher.serve(config, server.root.context());
    }
  }
}
