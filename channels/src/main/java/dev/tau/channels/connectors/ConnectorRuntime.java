package dev.tau.channels.connectors;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.IngressReason;
import dev.tau.channels.ingress.LiveEnvelope;
import dev.tau.channels.ingress.Normalization;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The live connectors (tau-spec §5.14): Telegram and Discord polling and the Telegram/WhatsApp
 * webhook server bring raw platform payloads in; each is normalised (§5.3) and appended once per
 * event key to {@code <ingest-dir>/<transport>.ndjson}, where the live runner picks it up.
 * Counters, offsets, breakers and liveness live in the connector state file, saved after every poll
 * and every webhook delivery.
 *
 * <p>Thread-safe: polls and webhook requests run on their own (virtual) threads; every change to
 * the state and the inbox happens under one lock, network calls outside it.
 */
public final class ConnectorRuntime {
  private final ConnectorsConfig config;
  private final Clock clock;
  private final ChannelNormalizer normalizer;
  private final ConnectorState state;
  private final InboxAppender inbox;
  private final ProviderCalls calls;
  private final Object lock = new Object();
  private volatile Runnable onIngest = () -> {};

  private ConnectorRuntime(
      ConnectorsConfig config, Clock clock, Sleeper sleeper, ConnectorHttp http) {
    this.config = config;
    this.clock = clock;
    this.normalizer = ChannelNormalizer.standard();
    this.state = ConnectorState.load(config.statePath(), config);
    this.inbox = InboxAppender.open(config.ingestDir(), normalizer);
    this.calls = new ProviderCalls(this, http, sleeper);
  }

  /**
   * Loads the state file and indexes the inbox files.
   *
   * @throws ConnectorStateException when either cannot be read
   */
  public static ConnectorRuntime open(
      ConnectorsConfig config, Clock clock, Sleeper sleeper, ConnectorHttp http) {
    return new ConnectorRuntime(config, clock, sleeper, http);
  }

  public ConnectorsConfig config() {
    return config;
  }

  long now() {
    return clock.millis();
  }

  /**
   * One cycle: every polling channel is polled once (Telegram with {@code timeout=0}), then the
   * state is saved.
   *
   * @return what this cycle did
   */
  public CycleSummary pollOnce() throws InterruptedException {
    CycleSummary before = totals();
    if (config.telegramMode() == IngressMode.POLLING) {
      TelegramPoller poller = new TelegramPoller(this, calls);
      guarded(Transport.TELEGRAM, () -> poller.poll(0));
    }
    if (config.discordMode() == IngressMode.POLLING) {
      guarded(Transport.DISCORD, new DiscordPoller(this, calls)::poll);
    }
    save();
    return totals().minus(before);
  }

  /**
   * Runs until {@code stop} is counted down: the webhook server (when a webhook mode is enabled;
   * {@code announce} receives its listening line) and one polling loop per polling channel
   * (Telegram long-polls, Discord pauses between polls). Saves the state when done.
   *
   * @return what the run did
   * @throws IOException when the webhook server cannot bind
   */
  public CycleSummary run(CountDownLatch stop, Consumer<String> announce) throws IOException {
    CycleSummary before = totals();
    WebhookServer server = null;
    try (Polling polling = startPolling()) {
      if (config.webhookEnabled()) {
        server = WebhookServer.start(this);
        announce.accept(
            "multi-channel live webhook server listening: addr="
                + server.address().getHostString()
                + ":"
                + server.address().getPort()
                + " telegram_mode="
                + config.telegramMode().wire()
                + " whatsapp_mode="
                + config.whatsappMode().wire());
      }
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (server != null) {
        server.close();
      }
      save();
    }
    return totals().minus(before);
  }

  /**
   * Starts one polling loop per polling channel, each on its own virtual thread (Telegram
   * long-polls, Discord pauses between polls). The gateway hosts the connectors this way and serves
   * the webhooks on its own routes ({@link WebhookHandler}).
   *
   * @return the running loops; closing them stops and joins them and saves the state
   */
  public Polling startPolling() {
    CountDownLatch stop = new CountDownLatch(1);
    List<Thread> loops = new ArrayList<>();
    if (config.telegramMode() == IngressMode.POLLING) {
      TelegramPoller poller = new TelegramPoller(this, calls);
      loops.add(
          loop(Transport.TELEGRAM, stop, () -> poller.poll(config.telegramLongPollSeconds()), 0));
    }
    if (config.discordMode() == IngressMode.POLLING) {
      DiscordPoller poller = new DiscordPoller(this, calls);
      loops.add(loop(Transport.DISCORD, stop, poller::poll, config.discordPollIntervalMs()));
    }
    return new Polling(stop, loops);
  }

  /** Running polling loops (possibly none). */
  public final class Polling implements AutoCloseable {
    private final CountDownLatch stop;
    private final List<Thread> loops;

    private Polling(CountDownLatch stop, List<Thread> loops) {
      this.stop = stop;
      this.loops = List.copyOf(loops);
    }

    /** How many loops run. */
    public int size() {
      return loops.size();
    }

    /**
     * Stops the loops (a long poll in flight is interrupted), waits up to five seconds for each,
     * then saves the state.
     */
    @Override
    public void close() {
      stop.countDown();
      for (Thread t : loops) {
        t.interrupt();
      }
      boolean interrupted = false;
      for (Thread t : loops) {
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      save();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A poll that may be interrupted. */
  interface Poll {
    void run() throws InterruptedException;
  }

  private Thread loop(Transport transport, CountDownLatch stop, Poll poll, long pauseMs) {
    return Thread.ofVirtual()
        .name("tau-" + transport.wire() + "-poller")
        .start(
            () -> {
              try {
                while (stop.getCount() > 0) {
                  guarded(
                      transport,
                      () -> {
                        poll.run();
                        save();
                      });
                  long wait = Math.max(pauseMs, pauseAfter(transport));
                  if (wait > 0 && stop.await(wait, TimeUnit.MILLISECONDS)) {
                    return;
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /**
   * Runs one poll; an unexpected runtime exception is recorded as the channel's {@code poll_error}
   * (its message scrubbed of the bot tokens) instead of ending the loop or reaching the user with a
   * stack trace.
   */
  private void guarded(Transport transport, Poll poll) throws InterruptedException {
    try {
      poll.run();
    } catch (RuntimeException e) {
      recordFailure(
          transport,
          ConnectorErrorCode.POLL_ERROR,
          transport.wire()
              + " poll failed: "
              + e.getClass().getSimpleName()
              + ": "
              + redact(String.valueOf(e.getMessage())),
          true);
    }
  }

  /** {@code text} without the configured bot tokens (raw or URL-encoded). */
  String redact(String text) {
    String out = text;
    for (Secret secret : List.of(config.telegramBotToken(), config.discordBotToken())) {
      if (secret.present() && !secret.reveal().isEmpty()) {
        String raw = secret.reveal();
        out = out.replace(raw, "<redacted>");
        out = out.replace(TelegramPoller.segment(raw), "<redacted>");
        out = out.replace(URLEncoder.encode(raw, StandardCharsets.UTF_8), "<redacted>");
      }
    }
    return out;
  }

  /** After a failed poll, wait before the next one: never a hot loop against a failing provider. */
  private long pauseAfter(Transport transport) {
    synchronized (lock) {
      ChannelState c = state.channel(transport);
      if (c.breakerState == BreakerState.OPEN) {
        return Math.max(c.breakerOpenUntilUnixMs - now(), 0);
      }
      return c.consecutiveFailures > 0 ? Math.max(config.retryBaseDelayMs(), 1_000) : 0;
    }
  }

  /**
   * Normalises one raw platform payload and appends it to the transport's inbox unless its event
   * key is already there. Does not save the state ({@link #save()}).
   */
  public IngestResult ingest(Transport transport, JsonNode payload) {
    LiveEnvelope envelope = LiveEnvelope.wrap(transport, "", payload);
    Normalization outcome = normalizer.normalize(envelope);
    IngestResult result = append(transport, envelope, outcome);
    if (result instanceof IngestResult.Accepted accepted && !accepted.duplicate()) {
      onIngest.run();
    }
    return result;
  }

  private IngestResult append(Transport transport, LiveEnvelope envelope, Normalization outcome) {
    synchronized (lock) {
      ChannelState channel = state.channel(transport);
      long now = now();
      return switch (outcome) {
        case Normalization.Rejected rejected when nothingToIngest(rejected) -> {
          channel.recordIgnored();
          yield new IngestResult.Ignored(rejected.reason().wire());
        }
        case Normalization.Rejected rejected -> {
          channel.recordFailure(ConnectorErrorCode.PARSE_FAILED, rejected.render(), false, now);
          yield new IngestResult.Rejected(rejected.render());
        }
        case Normalization.Normalized normalized -> {
          InboundEvent event = normalized.event();
          String key = event.eventKey();
          if (state.isProcessed(key) || inbox.contains(key)) {
            channel.recordDuplicate();
            state.markProcessed(key);
            yield new IngestResult.Accepted(key, true);
          }
          inbox.append(transport, key, envelope.toLine());
          state.markProcessed(key);
          channel.recordIngested(now);
          yield new IngestResult.Accepted(key, false);
        }
      };
    }
  }

  /**
   * Whether a refusal means "valid, but nothing to ingest" rather than a malformed payload: the
   * platform must not be told to deliver it again.
   */
  private static boolean nothingToIngest(Normalization.Rejected rejected) {
    return rejected.reason() == IngressReason.EMPTY_CONTENT;
  }

  /** Counts a valid delivery Tau does not handle (an update type without a message). */
  void recordIgnored(Transport transport) {
    synchronized (lock) {
      state.channel(transport).recordIgnored();
    }
  }

  /**
   * Called after each new event is appended to the inbox (the gateway wakes its runner loop with
   * it); replaces the previous listener.
   */
  public void onIngest(Runnable listener) {
    this.onIngest = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Writes the state file atomically. */
  public void save() {
    synchronized (lock) {
      state.save(config.statePath(), now());
      lastSaveMs = now();
    }
  }

  /** How often a refused webhook request may write the state file (the counters stay exact). */
  static final long REFUSED_SAVE_INTERVAL_MS = 10_000;

  private long lastSaveMs = Long.MIN_VALUE / 2;

  /**
   * Saves the state only when the last save is older than {@link #REFUSED_SAVE_INTERVAL_MS}: a
   * refused webhook request (bad secret or signature, bad body) counts in memory at once, but an
   * unauthenticated sender must not buy a synced write under the state lock per request. The next
   * regular save (an accepted event, a poll, shutdown) writes the counters.
   */
  void saveThrottled() {
    synchronized (lock) {
      if (now() - lastSaveMs >= REFUSED_SAVE_INTERVAL_MS) {
        save();
      }
    }
  }

  /** Whether the channel's breaker lets a poll through now (see {@link ChannelState}). */
  boolean admitPoll(Transport transport) {
    synchronized (lock) {
      return state.channel(transport).admitPoll(now());
    }
  }

  void recordRetry(Transport transport) {
    synchronized (lock) {
      state.channel(transport).recordRetry();
    }
  }

  void recordFailure(Transport transport, ConnectorFailure failure) {
    recordFailure(transport, failure.code(), failure.getMessage(), failure.retryable());
  }

  void recordFailure(Transport transport, ConnectorErrorCode code, String message, boolean retry) {
    synchronized (lock) {
      state.channel(transport).recordFailure(code, message, retry, now());
    }
  }

  void recordPollSuccess(Transport transport) {
    synchronized (lock) {
      state.channel(transport).recordSuccess(now());
    }
  }

  long telegramOffset() {
    synchronized (lock) {
      return state.telegramNextUpdateOffset;
    }
  }

  void telegramOffset(long next) {
    synchronized (lock) {
      state.telegramNextUpdateOffset = Math.max(state.telegramNextUpdateOffset, next);
    }
  }

  String discordLastMessageId(String channelId) {
    synchronized (lock) {
      return state.discordLastMessageIds.getOrDefault(channelId, "");
    }
  }

  void discordLastMessageId(String channelId, String messageId) {
    synchronized (lock) {
      state.discordLastMessageIds.put(channelId, messageId);
    }
  }

  /** The counters summed over the channels, since the state file began. */
  public CycleSummary totals() {
    synchronized (lock) {
      long ingested = 0, duplicates = 0, retries = 0, auth = 0, parse = 0, provider = 0;
      for (ChannelState c : state.channels.values()) {
        ingested += c.eventsIngested;
        duplicates += c.duplicatesSkipped;
        retries += c.retryAttempts;
        auth += c.authFailures;
        parse += c.parseFailures;
        provider += c.providerFailures;
      }
      return new CycleSummary(ingested, duplicates, retries, auth, parse, provider);
    }
  }
}
