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
      dev.tau.cli.channels.PairingCommand.class,
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

  @Mixin
  dev.tau.cli.channels.MultiChannelOptions multiChannel =
      new dev.tau.cli.channels.MultiChannelOptions();

  /** Outbound delivery flags, shared by the multi-channel runners and the one-shot send. */
  @Mixin dev.tau.cli.channels.OutboundOptions outbound = new dev.tau.cli.channels.OutboundOptions();

  /** The one-shot send ({@code --multi-channel-send <transport>}). */
  @Mixin
  dev.tau.cli.channels.ChannelSendOptions channelSend =
      new dev.tau.cli.channels.ChannelSendOptions();

  /** The live connectors ({@code --multi-channel-live-connectors-*}, webhooks, ingress modes). */
  @Mixin
  dev.tau.cli.channels.LiveConnectorsOptions liveConnectors =
      new dev.tau.cli.channels.LiveConnectorsOptions();

  /** The credential store, {@code --integration-auth}, channel lifecycle and preflight. */
  @Mixin
  dev.tau.cli.channels.ChannelOpsOptions channelOps = new dev.tau.cli.channels.ChannelOpsOptions();

  /** {@code --deployment-state-dir}, shared by every deployment mode. */
  @Mixin
  dev.tau.cli.deploy.DeploymentStateDirOption deploymentStateDir =
      new dev.tau.cli.deploy.DeploymentStateDirOption();

  /** WASM deliverables: package, inspect, browser DID, sandboxed smoke run. */
  @Mixin dev.tau.cli.deploy.WasmOptions wasm = new dev.tau.cli.deploy.WasmOptions();

  /** The deployment contract runner and its status report. */
  @Mixin
  dev.tau.cli.deploy.DeploymentOptions deployment = new dev.tau.cli.deploy.DeploymentOptions();

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

  /** {@code --deployment-state-dir} (or its env/default), not yet resolved. */
  public java.nio.file.Path deploymentStateDir() {
    return deploymentStateDir.stateDir(context.env());
  }

  /** The multi-channel flags ({@code --multi-channel-state-dir}, the runners, the reports). */
  public dev.tau.cli.channels.MultiChannelOptions multiChannelOptions() {
    return multiChannel;
  }

  /** The credential store and channel operation flags. */
  public dev.tau.cli.channels.ChannelOpsOptions channelOpsOptions() {
    return channelOps;
  }

  /** The outbound delivery flags ({@code --multi-channel-outbound-*}, tokens, API bases). */
  public dev.tau.cli.channels.OutboundOptions outboundOptions() {
    return outbound;
  }

  /** The channel flags the gateway reads when it hosts the channels. */
  public dev.tau.cli.channels.HostedChannels.Flags hostedChannels() {
    return new dev.tau.cli.channels.HostedChannels.Flags(
        multiChannel, outbound, liveConnectors, channelOps);
  }

  /** Without a subcommand: the gateway, a service lifecycle command, or the usage. */
  @Override
  public Integer call() throws InterruptedException {
    if (GatewayLauncher.channelsRequested(gateway, context.env())) {
      return GatewayLauncher.serveWithChannels(
          gateway, hostedChannels(), deploymentStateDir.stateDir(context.env()), context);
    }
    if (operatorSummary.requested()) {
      return OperatorSummaryCommand.run(
          operatorSummary,
          GatewayLauncher.stateDir(gateway, context),
          deploymentStateDir.stateDir(context.env()),
          context);
    }
    if (channelSend.requested()) {
      return dev.tau.cli.channels.ChannelSendCommand.run(
          channelSend, outbound, multiChannel, channelOps, context);
    }
    if (liveConnectors.requested()) {
      return dev.tau.cli.channels.LiveConnectorsLauncher.run(
          liveConnectors,
          new dev.tau.cli.channels.LiveConnectorsLauncher.Shared(
              multiChannel, outbound, channelOps),
          context);
    }
    if (channelOps.requested()) {
      return dev.tau.cli.channels.ChannelOpsLauncher.run(
          channelOps,
          new dev.tau.cli.channels.ChannelOpsLauncher.Inputs(
              multiChannel.stateDir(context.env(), context.workingDir()),
              multiChannel.liveIngressDir(context.env(), context.workingDir()),
              outbound.telegramBotToken(context.env()),
              outbound.discordBotToken(context.env()),
              outbound.whatsappAccessToken(context.env()),
              outbound.whatsappPhoneNumberId(context.env()),
              transport -> outbound.toSettings(context.env()).apiBase(transport)),
          context);
    }
    if (deployment.requested(multiChannel.transportHealthTarget())) {
      java.util.List<String> others = new java.util.ArrayList<>();
      if (wasm.requested()) {
        others.add("--deployment-wasm-*");
      }
      if (multiChannel.modeRequested()) {
        others.add("--multi-channel-*");
      }
      return dev.tau.cli.deploy.DeploymentLauncher.run(
          deployment,
          deploymentStateDir.stateDir(context.env()),
          new dev.tau.cli.deploy.DeploymentLauncher.HealthFlags(
              multiChannel.transportHealthTarget(), multiChannel.transportHealthJson()),
          others,
          context);
    }
    if (wasm.requested()) {
      return dev.tau.cli.deploy.WasmLauncher.run(
          wasm, deploymentStateDir.stateDir(context.env()), context);
    }
    if (multiChannel.requested()) {
      return dev.tau.cli.channels.MultiChannelLauncher.run(
          multiChannel, outbound, channelOps, context);
    }
    if (GatewayLauncher.lifecycleRequested(gateway)) {
      return GatewayLauncher.lifecycle(gateway, context);
    }
    if (GatewayLauncher.serverRequested(gateway, context.env())) {
      return GatewayLauncher.serve(gateway, deploymentStateDir.stateDir(context.env()), context);
    }
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
