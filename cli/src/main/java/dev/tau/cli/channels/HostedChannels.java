package dev.tau.cli.channels;

import dev.tau.agent.Agent;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.Confirmer;
import dev.tau.channels.connectors.ConnectorHttp;
import dev.tau.channels.connectors.ConnectorRuntime;
import dev.tau.channels.connectors.ConnectorStateException;
import dev.tau.channels.connectors.ConnectorsConfig;
import dev.tau.channels.connectors.Sleeper;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.runtime.ChannelService;
import dev.tau.channels.runtime.LiveRunnerLoop;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.Wiring;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the multi-channel service the gateway hosts ({@code --gateway-multi-channel}) from the
 * same flags, env and state files as the standalone commands: the live connectors ({@code
 * --multi-channel-*-ingress-mode}, tokens, secrets; webhooks on the gateway's port) and the live
 * runner ({@code --multi-channel-state-dir}, runner limits, outbound mode), answering with the
 * gateway's model but without tools.
 */
public final class HostedChannels {
  /** How often the runner loop checks the inbox without a wake-up. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private HostedChannels() {}

  /** The channel mixins of the root command. */
  public record Flags(
      MultiChannelOptions multiChannel,
      OutboundOptions outbound,
      LiveConnectorsOptions connectors,
      ChannelOpsOptions channelOps) {}

  /**
   * Refuses the flags of the standalone commands, which would otherwise run instead of (or beside)
   * the hosted service.
   *
   * @throws InputException naming the flag
   */
  public static void check(Flags f) {
    MultiChannelOptions mc = f.multiChannel();
    LiveConnectorsOptions lc = f.connectors();
    List<String> refused = new ArrayList<>();
    if (mc.requested()) {
      refused.add(
          "--multi-channel-live-runner/--multi-channel-contract-runner and the one-shot"
              + " multi-channel commands");
    }
    if (lc.requested()) {
      refused.add("--multi-channel-live-connectors-runner/-status/-poll-once");
    }
    if (lc.webhookBind != null) {
      refused.add(
          "--multi-channel-live-webhook-bind (the webhooks are served on the gateway's own port)");
    }
    if (!refused.isEmpty()) {
      throw new InputException(
          "--gateway-multi-channel runs the connectors and the live runner inside the gateway;"
              + " drop "
              + String.join(", ", refused));
    }
  }

  /**
   * The service, not started.
   *
   * @param provider the gateway's provider (shared)
   * @param sessions the gateway's session store (shared; channel sessions are named by their route
   *     session key)
   * @throws InputException for an invalid setting, naming its flag
   */
  public static ChannelService build(
      Flags f,
      Context ctx,
      ModelChoice choice,
      ModelProvider provider,
      SessionStore sessions,
      Clock clock,
      Consumer<String> out,
      Consumer<String> err) {
    check(f);
    MultiChannelOptions mc = f.multiChannel();
    Path work = ctx.workingDir();
    Path stateDir = mc.stateDir(ctx.env(), work);
    RunnerSettings settings;
    try {
      settings = mc.runnerSettings(ctx.env());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    OutboundSettings outbound =
        f.outbound().toSettings(ctx.env(), () -> ChannelOpsLauncher.store(f.channelOps(), ctx));
    LiveConnectorsLauncher.Shared shared =
        new LiveConnectorsLauncher.Shared(mc, f.outbound(), f.channelOps());
    ConnectorRuntime connectors = null;
    Path inbox = mc.ingestDir != null ? mc.liveIngestDir(ctx.env(), work) : null;
    if (LiveConnectorsLauncher.anyIngress(f.connectors(), ctx.env())) {
      ConnectorsConfig config = LiveConnectorsLauncher.config(f.connectors(), shared, ctx);
      try {
        connectors =
            ConnectorRuntime.open(
                config,
                clock,
                Sleeper.system(),
                ConnectorHttp.jdk(Duration.ofMillis(config.httpTimeoutMs())));
      } catch (ConnectorStateException e) {
        throw new InputException(e.getMessage(), e);
      }
      inbox = config.ingestDir(); // the runner reads what the connectors write
    }
    if (inbox == null) {
      inbox = mc.liveIngressDir(ctx.env(), work);
    }
    TauSettings tau = ctx.settings();
    // channel users are strangers to the machine: their messages never reach the coding tools
    Agent agent =
        Wiring.agent(choice, provider, tau, Confirmer.UNATTENDED, clock).toBuilder()
            .tools(ToolRegistry.of())
            .build();
    MultiChannelRunner runner =
        MultiChannelLauncher.newRunner(
            stateDir,
            settings,
            outbound,
            new MultiChannelLauncher.RunnerWiring(tau, ctx, choice, agent, sessions, clock),
            err);
    runner.media(MediaWiring.understanding(mc, choice, provider, ctx.env()));
    return new ChannelService(
        connectors,
        new LiveRunnerLoop(runner, inbox, CHECK_INTERVAL, out, err),
        stateDir,
        LiveConnectorsLauncher.statePath(f.connectors(), ctx));
  }
}
