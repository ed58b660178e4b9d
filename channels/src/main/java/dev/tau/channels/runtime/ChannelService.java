package dev.tau.channels.runtime;

import dev.tau.channels.connectors.ConnectorRuntime;
import dev.tau.channels.connectors.ConnectorsConfig;
import dev.tau.channels.connectors.IngressMode;
import dev.tau.channels.connectors.WebhookHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The multi-channel transport run as one long-lived service inside another process (the gateway):
 * the live connectors' polling loops, their webhook logic for the host's HTTP routes, and the live
 * runner loop over the same inbox, with the same state files the standalone commands use.
 *
 * <p>{@link #start()} starts the polling loops and the runner; every new ingested event wakes the
 * runner. {@link #stop(Duration)} first stops the polling (no new events), then lets the runner
 * finish its cycle within the budget.
 */
public final class ChannelService {
  private final ConnectorRuntime connectors;
  private final LiveRunnerLoop runner;
  private final Path stateDir;
  private final Path connectorsStatePath;
  private final WebhookHandler webhooks;
  private ConnectorRuntime.Polling polling;
  private boolean started;
  private boolean stopped;

  /**
   * @param connectors the connectors, or null when no ingress mode is enabled (the inbox is then
   *     fed by other processes, for example {@code --multi-channel-live-ingest-file})
   * @param stateDir the runner's state dir ({@code --multi-channel-state-dir})
   * @param connectorsStatePath the connector state file (also when there are no connectors, so
   *     status reads the same file the standalone connectors write)
   */
  public ChannelService(
      ConnectorRuntime connectors, LiveRunnerLoop runner, Path stateDir, Path connectorsStatePath) {
    this.connectors = connectors;
    this.runner = Objects.requireNonNull(runner, "runner");
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.connectorsStatePath = Objects.requireNonNull(connectorsStatePath, "connectorsStatePath");
    this.webhooks =
        connectors != null && connectors.config().webhookEnabled()
            ? new WebhookHandler(connectors)
            : null;
  }

  /** The webhook logic, when Telegram or WhatsApp ingress is in webhook mode. */
  public Optional<WebhookHandler> webhooks() {
    return Optional.ofNullable(webhooks);
  }

  /** Whether Telegram ingress is in webhook mode (its route is served). */
  public boolean telegramWebhook() {
    return connectors != null && connectors.config().telegramMode() == IngressMode.WEBHOOK;
  }

  /** Whether WhatsApp ingress is in webhook mode (its routes are served). */
  public boolean whatsappWebhook() {
    return connectors != null && connectors.config().whatsappMode() == IngressMode.WEBHOOK;
  }

  public Path stateDir() {
    return stateDir;
  }

  public Path connectorsStatePath() {
    return connectorsStatePath;
  }

  /** One line for the operator: the ingress modes and the state paths (no secret). */
  public String describe() {
    ConnectorsConfig c = connectors == null ? null : connectors.config();
    return "multi-channel service running: telegram_mode="
        + (c == null ? "disabled" : c.telegramMode().wire())
        + " discord_mode="
        + (c == null ? "disabled" : c.discordMode().wire())
        + " whatsapp_mode="
        + (c == null ? "disabled" : c.whatsappMode().wire())
        + " state_dir="
        + stateDir
        + " connectors_state_path="
        + connectorsStatePath;
  }

  /** Starts the polling loops and the runner loop. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    if (connectors != null) {
      connectors.onIngest(runner::wake);
      polling = connectors.startPolling();
    }
    runner.start();
  }

  /**
   * Stops polling, then the runner (a cycle in progress gets {@code budget}). Idempotent.
   *
   * @return whether the runner ended within the budget
   */
  public synchronized boolean stop(Duration budget) {
    if (!started || stopped) {
      return true;
    }
    stopped = true;
    if (polling != null) {
      polling.close();
    }
    boolean ended = runner.stop(budget);
    if (connectors != null) {
      connectors.save();
    }
    return ended;
  }
}
