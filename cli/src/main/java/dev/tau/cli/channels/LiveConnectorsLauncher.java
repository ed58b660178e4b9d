package dev.tau.cli.channels;

import dev.tau.channels.connectors.ConnectorHttp;
import dev.tau.channels.connectors.ConnectorRuntime;
import dev.tau.channels.connectors.ConnectorStateException;
import dev.tau.channels.connectors.ConnectorsConfig;
import dev.tau.channels.connectors.ConnectorsStatus;
import dev.tau.channels.connectors.CycleSummary;
import dev.tau.channels.connectors.IngressMode;
import dev.tau.channels.connectors.Secret;
import dev.tau.channels.connectors.Sleeper;
import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs {@link LiveConnectorsOptions}: the connector status (a read of the state file) and the
 * connector runner, one poll cycle ({@code --multi-channel-live-connectors-poll-once}) or until
 * SIGTERM/SIGINT. Tokens resolve from flag, env, then the integration store; none is ever printed.
 */
public final class LiveConnectorsLauncher {
  private LiveConnectorsLauncher() {}

  /** The other mixins whose flags the connectors share. */
  public record Shared(
      MultiChannelOptions multiChannel, OutboundOptions outbound, ChannelOpsOptions channelOps) {}

  public static int run(LiveConnectorsOptions o, Shared shared, Context ctx)
      throws InterruptedException {
    if (o.statusJson != null && !o.status) {
      throw new InputException(
          "--multi-channel-live-connectors-status-json requires"
              + " --multi-channel-live-connectors-status");
    }
    if (o.pollOnce && !o.runner) {
      throw new InputException(
          "--multi-channel-live-connectors-poll-once requires"
              + " --multi-channel-live-connectors-runner");
    }
    if (o.status && o.runner) {
      throw new InputException(
          "--multi-channel-live-connectors-status and --multi-channel-live-connectors-runner"
              + " cannot be combined");
    }
    try {
      return o.status ? status(o, ctx) : runner(config(o, shared, ctx), ctx);
    } catch (ConnectorStateException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  static Path statePath(LiveConnectorsOptions o, Context ctx) {
    return ctx.workingDir()
        .resolve(
            MultiChannelOptions.value(
                o.statePath,
                ctx.env(),
                "TAU_MULTI_CHANNEL_LIVE_CONNECTORS_STATE_PATH",
                ConnectorsConfig.DEFAULT_STATE_PATH));
  }

  private static int status(LiveConnectorsOptions o, Context ctx) {
    ConnectorsStatus status = ConnectorsStatus.read(statePath(o, ctx));
    PrintWriter out = ctx.terminals().out();
    out.println(
        Boolean.TRUE.equals(o.statusJson) || ctx.json()
            ? Json.write(status.toJson())
            : status.render());
    out.flush();
    return ExitCode.OK.code();
  }

  private static int runner(ConnectorsConfig config, Context ctx) throws InterruptedException {
    PrintWriter out = ctx.terminals().out();
    ConnectorRuntime runtime =
        ConnectorRuntime.open(
            config,
            Clock.systemUTC(),
            Sleeper.system(),
            ConnectorHttp.jdk(Duration.ofMillis(config.httpTimeoutMs())));
    if (config.pollOnce()) {
      CycleSummary summary = runtime.pollOnce();
      out.println(summary.render());
      out.flush();
      return ExitCode.OK.code();
    }
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stop.countDown());
    }
    out.println(
        "multi-channel live connectors running: telegram_mode="
            + config.telegramMode().wire()
            + " discord_mode="
            + config.discordMode().wire()
            + " whatsapp_mode="
            + config.whatsappMode().wire()
            + " state_path="
            + config.statePath()
            + " (SIGTERM or Ctrl-C stops)");
    out.flush();
    CycleSummary summary;
    try {
      summary =
          runtime.run(
              stop,
              line -> {
                out.println(line);
                out.flush();
              });
    } catch (IOException e) {
      throw new InputException(
          "cannot bind the webhook server to "
              + config.webhookBind().getHostString()
              + ":"
              + config.webhookBind().getPort()
              + ": "
              + e.getMessage(),
          e);
    }
    out.println(summary.render());
    out.flush();
    return ExitCode.OK.code();
  }

  /**
   * The connector config from flags, env and the integration store.
   *
   * @throws InputException naming the flag of the first invalid setting
   */
  static ConnectorsConfig config(LiveConnectorsOptions o, Shared shared, Context ctx) {
    Map<String, String> env = ctx.env();
    MultiChannelOptions mc = shared.multiChannel();
    OutboundOptions ob = shared.outbound();
    IngressMode telegram =
        mode("--multi-channel-telegram-ingress-mode", o.telegramMode, env, "TELEGRAM");
    IngressMode discord =
        mode("--multi-channel-discord-ingress-mode", o.discordMode, env, "DISCORD");
    IngressMode whatsapp =
        mode("--multi-channel-whatsapp-ingress-mode", o.whatsappMode, env, "WHATSAPP");
    // the runbook names --multi-channel-live-ingest-dir, the spec --multi-channel-live-ingress-dir
    String ingestDir =
        mc.ingestDir != null
            ? mc.ingestDir
            : MultiChannelOptions.value(
                mc.liveIngressDir,
                env,
                "TAU_MULTI_CHANNEL_LIVE_INGEST_DIR",
                env.getOrDefault(
                    "TAU_MULTI_CHANNEL_LIVE_INGRESS_DIR", ConnectorsConfig.DEFAULT_INGEST_DIR));
    ConnectorsConfig.Builder builder =
        ConnectorsConfig.builder()
            .statePath(statePath(o, ctx))
            .ingestDir(ctx.workingDir().resolve(ingestDir))
            .telegramMode(telegram)
            .discordMode(discord)
            .whatsappMode(whatsapp)
            .discordChannelIds(
                o.discordChannelIds.isEmpty()
                    ? envList(env, "TAU_MULTI_CHANNEL_DISCORD_INGRESS_CHANNEL_ID")
                    : o.discordChannelIds)
            .discordGuildIds(
                o.discordGuildIds.isEmpty()
                    ? envList(env, "TAU_MULTI_CHANNEL_DISCORD_INGRESS_GUILD_ID")
                    : o.discordGuildIds)
            .webhookBind(
                MultiChannelOptions.value(
                    o.webhookBind,
                    env,
                    "TAU_MULTI_CHANNEL_LIVE_WEBHOOK_BIND",
                    ConnectorsConfig.DEFAULT_WEBHOOK_BIND))
            .pollOnce(o.pollOnce)
            .telegramApiBase(
                MultiChannelOptions.value(
                    ob.telegramApiBase,
                    env,
                    "TAU_MULTI_CHANNEL_TELEGRAM_API_BASE",
                    ConnectorsConfig.DEFAULT_TELEGRAM_API_BASE))
            .discordApiBase(
                MultiChannelOptions.value(
                    ob.discordApiBase,
                    env,
                    "TAU_MULTI_CHANNEL_DISCORD_API_BASE",
                    ConnectorsConfig.DEFAULT_DISCORD_API_BASE))
            .telegramWebhookSecret(
                Secret.of(
                    MultiChannelOptions.value(
                        o.telegramWebhookSecret,
                        env,
                        "TAU_MULTI_CHANNEL_TELEGRAM_WEBHOOK_SECRET",
                        "")))
            .whatsappVerifyToken(
                Secret.of(
                    MultiChannelOptions.value(
                        o.whatsappVerifyToken,
                        env,
                        "TAU_MULTI_CHANNEL_WHATSAPP_WEBHOOK_VERIFY_TOKEN",
                        "")))
            .whatsappAppSecret(
                Secret.of(
                    MultiChannelOptions.value(
                        o.whatsappAppSecret,
                        env,
                        "TAU_MULTI_CHANNEL_WHATSAPP_WEBHOOK_APP_SECRET",
                        "")))
            .retryMaxAttempts(
                (int)
                    MultiChannelOptions.number(
                        "--multi-channel-retry-max-attempts",
                        MultiChannelOptions.value(
                            mc.retryMaxAttempts, env, "TAU_MULTI_CHANNEL_RETRY_MAX_ATTEMPTS", "4"),
                        1,
                        100))
            .retryBaseDelayMs(
                MultiChannelOptions.number(
                    "--multi-channel-retry-base-delay-ms",
                    MultiChannelOptions.value(
                        mc.retryBaseDelayMs, env, "TAU_MULTI_CHANNEL_RETRY_BASE_DELAY_MS", "0"),
                    0,
                    3_600_000))
            .processedEventCap(
                (int)
                    MultiChannelOptions.number(
                        "--multi-channel-processed-event-cap",
                        MultiChannelOptions.value(
                            mc.processedEventCap,
                            env,
                            "TAU_MULTI_CHANNEL_PROCESSED_EVENT_CAP",
                            "10000"),
                        1,
                        10_000_000))
            .httpTimeoutMs(
                MultiChannelOptions.number(
                    "--multi-channel-outbound-http-timeout-ms",
                    MultiChannelOptions.value(
                        ob.httpTimeoutMs,
                        env,
                        "TAU_MULTI_CHANNEL_OUTBOUND_HTTP_TIMEOUT_MS",
                        "5000"),
                    1,
                    600_000))
            .telegramLongPollSeconds(
                (int)
                    MultiChannelOptions.number(
                        "--multi-channel-telegram-poll-timeout-seconds",
                        MultiChannelOptions.value(
                            o.telegramPollTimeoutSeconds,
                            env,
                            "TAU_MULTI_CHANNEL_TELEGRAM_POLL_TIMEOUT_SECONDS",
                            "25"),
                        0,
                        50))
            .discordPollIntervalMs(
                MultiChannelOptions.number(
                    "--multi-channel-discord-poll-interval-ms",
                    MultiChannelOptions.value(
                        o.discordPollIntervalMs,
                        env,
                        "TAU_MULTI_CHANNEL_DISCORD_POLL_INTERVAL_MS",
                        "5000"),
                    100,
                    3_600_000));
    // tokens only for the channels that poll: the store is opened only when a flag/env is missing
    if (telegram == IngressMode.POLLING) {
      builder.telegramBotToken(
          Secret.of(
              ChannelSecrets.resolve(
                      ob.telegramBotToken(env),
                      ChannelSecrets.TELEGRAM_BOT_TOKEN,
                      () -> ChannelOpsLauncher.store(shared.channelOps(), ctx))
                  .value()
                  .orElse("")));
    }
    if (discord == IngressMode.POLLING) {
      builder.discordBotToken(
          Secret.of(
              ChannelSecrets.resolve(
                      ob.discordBotToken(env),
                      ChannelSecrets.DISCORD_BOT_TOKEN,
                      () -> ChannelOpsLauncher.store(shared.channelOps(), ctx))
                  .value()
                  .orElse("")));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /** Whether any of the three ingress modes is enabled (flag or env). */
  static boolean anyIngress(LiveConnectorsOptions o, Map<String, String> env) {
    return mode("--multi-channel-telegram-ingress-mode", o.telegramMode, env, "TELEGRAM")
            != IngressMode.DISABLED
        || mode("--multi-channel-discord-ingress-mode", o.discordMode, env, "DISCORD")
            != IngressMode.DISABLED
        || mode("--multi-channel-whatsapp-ingress-mode", o.whatsappMode, env, "WHATSAPP")
            != IngressMode.DISABLED;
  }

  private static IngressMode mode(
      String flag, String value, Map<String, String> env, String platform) {
    String text =
        MultiChannelOptions.value(
            value, env, "TAU_MULTI_CHANNEL_" + platform + "_INGRESS_MODE", "disabled");
    return IngressMode.parse(text)
        .orElseThrow(
            () ->
                new InputException(
                    flag + " must be disabled, polling or webhook, got '" + text.strip() + "'"));
  }

  private static java.util.List<String> envList(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? java.util.List.of() : java.util.List.of(value);
  }
}
