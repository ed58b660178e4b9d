package dev.tau.channels.runtime;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.Transport;
import dev.tau.channels.access.AccessDecider;
import dev.tau.channels.access.AccessDecision;
import dev.tau.channels.access.AccessReason;
import dev.tau.channels.access.ConversationKind;
import dev.tau.channels.access.SecurityPaths;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.InboxLine;
import dev.tau.channels.ingress.InboxReader;
import dev.tau.channels.media.MediaReport;
import dev.tau.channels.media.MediaUnderstanding;
import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.DeliveryReceipt;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.channels.pairing.PairingOutcome;
import dev.tau.channels.pairing.PairingRequests;
import dev.tau.channels.routing.RouteBindings;
import dev.tau.channels.routing.RouteDecision;
import dev.tau.channels.store.ChannelStore;
import dev.tau.channels.store.ChannelStore.Direction;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One multi-channel runner cycle (tau-spec §1.2, §5.5) over a batch of normalised events (the live
 * inbox or a contract fixture):
 *
 * <ol>
 *   <li>load {@code state.json} and fold in the ack journal a crashed cycle left ({@link AckFile});
 *       load route bindings and the access policies;
 *   <li>sort by timestamp then event key, skip keys already processed (duplicates), then take at
 *       most {@code queue_limit} events; the rest stay in the inbox for the next cycle ({@code
 *       queue_depth}). Unlike the original, dedupe comes before the limit, so old events can never
 *       starve new ones;
 *   <li>per event, with retries and backoff: route → access decision → inbound log line and route
 *       trace → denied line, or reply ({@code /tau} hook or the agent) → durable reply in the
 *       context log → typing/presence lines → delivery → outbound response line → ack;
 *   <li>health (§1.1), {@code state.json} (atomic), one {@code runtime-events.jsonl} line.
 * </ol>
 *
 * Crash safety: every step is idempotent per event key (the channel store drops lines it already
 * has, a reply already in the context log is reused instead of asking the agent again), each
 * event's completion is journalled atomically, and a send to a platform that was in flight when the
 * process died is recorded as {@code delivery_unconfirmed} rather than sent twice.
 */
public final class MultiChannelRunner {
  /** Source of outbound lines (§5.8). */
  public static final String SOURCE = "tau-multi-channel-runner";

  public static final String ROUTE_TRACES = "route-traces.jsonl";
  public static final String RUNTIME_EVENTS = "runtime-events.jsonl";

  /** How the runner waits between retries (injected so tests do not sleep). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final Path stateDir;
  private final RunnerSettings settings;
  private final ReplyGenerator replies;
  private final TauCommandHook commands;
  private final OutboundDispatcher dispatcher;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> warn;
  private PairingRequests pairing;
  // kept across cycles while their files are unchanged (a long-running runner)
  private AccessDecider decider;
  private RunnerState lastState;
  private String lastStateFingerprint;

  /**
   * Events acknowledged together when nothing leaves the machine before the ack (dry-run and
   * channel-store delivery): their lines are written at once but forced to disk together, then
   * acknowledged in one journal write.
   */
  static final int COMMIT_BATCH = 64;

  /** Conversation stores kept open across events and cycles (least recently used dropped). */
  private static final int OPEN_STORES = 1024;

  private final Map<String, ChannelStore> stores =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChannelStore> eldest) {
          if (size() <= OPEN_STORES) {
            return false;
          }
          eldest.getValue().sync(); // its lines may belong to events not yet acknowledged
          return true;
        }
      };
  private MediaUnderstanding media = MediaUnderstanding.metadataOnly();

  public MultiChannelRunner(
      Path stateDir,
      RunnerSettings settings,
      ReplyGenerator replies,
      TauCommandHook commands,
      OutboundDispatcher dispatcher,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> warn) {
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.warn = Objects.requireNonNull(warn, "warn");
  }

  /**
   * Answers strangers in DMs who are denied for not being paired with a one-time pairing code the
   * operator approves with {@code bin/tau pairing approve}; without it they get no reply.
   */
  public MultiChannelRunner pairing(PairingRequests value) {
    this.pairing = Objects.requireNonNull(value, "pairing");
    return this;
  }

  /**
   * How attachments of allowed events are understood (tau-spec §5.11); without it, the built-in
   * metadata-only understanding (nothing is downloaded).
   */
  public MultiChannelRunner media(MediaUnderstanding value) {
    this.media = Objects.requireNonNull(value, "media");
    return this;
  }

  /** The route bindings file of a state dir. */
  public static Path bindingsFile(Path stateDir) {
    return stateDir.resolve("security").resolve(RouteBindings.FILE_NAME);
  }

  /**
   * Runs one cycle over {@code events}.
   *
   * @throws UncheckedIOException when the state directory or state files cannot be written
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public CycleReport runCycle(List<InboundEvent> events) throws InterruptedException {
    long started = clock.millis();
    createStateDir();
    return cycle(reusableState(), events, List.of(), started);
  }

  /**
   * Runs one cycle over the live-ingress inbox {@code inboxDir}, reading each file from the cursor
   * saved in {@code state.json}: only complete lines appended since the lines the runner is done
   * with (at most {@link #READ_LINES} per file and cycle; a torn last line waits). The cursor moves
   * past a line once its event is processed or failed for good, and is saved with the processed
   * keys, so a crash only means lines after the saved cursor are read again, which the processed
   * keys and the ack journal skip. A file replaced (another inode) or shorter than the cursor is
   * read from its start.
   *
   * @param diagnostics receives the diagnostics of lines that are not valid events
   * @throws UncheckedIOException when the state directory, state files or inbox cannot be used
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public CycleReport runLiveCycle(Path inboxDir, Consumer<String> diagnostics)
      throws InterruptedException {
    long started = clock.millis();
    createStateDir();
    RunnerState state = reusableState();
    List<InboundEvent> events = new ArrayList<>();
    List<FileRead> reads = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      Path file = InboxReader.inboxFile(inboxDir, transport);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      String fileId = fileId(file);
      RunnerState.InboxCursor cursor = state.cursor(transport);
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read live ingress file " + file, e);
      }
      if (!cursor.fileId().equals(fileId) || cursor.offset() > size) {
        cursor = new RunnerState.InboxCursor(fileId, 0, 0);
      }
      InboxReader.Slice slice =
          inboxReader.readFrom(file, transport, cursor.offset(), cursor.line(), READ_LINES);
      for (InboxReader.Positioned p : slice.lines()) {
        switch (p.line()) {
          case InboxLine.Accepted a -> events.add(a.event());
          case InboxLine.Invalid i -> diagnostics.accept(i.diagnostic());
          case InboxLine.TransportMismatch m -> diagnostics.accept(m.diagnostic());
        }
      }
      reads.add(new FileRead(transport, fileId, slice));
    }
    return cycle(state, events, reads, started);
  }

  /** Non-blank inbox lines read per file and cycle (bounds memory for a long unread inbox). */
  static final int READ_LINES = 4096;

  /** Cycles an event may fail in before it fails for good ({@code event_attempts_exhausted}). */
  public static final int MAX_FAILED_CYCLES = 5;

  private final InboxReader inboxReader = new InboxReader(ChannelNormalizer.standard());

  /** What one cycle read of one inbox file, to move its cursor afterwards. */
  private record FileRead(Transport transport, String fileId, InboxReader.Slice slice) {}

  /** The file's identity: the inode where the file system has one, else its creation time. */
  private static String fileId(Path file) {
    try {
      var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      Object key = a.fileKey();
      return key != null ? key.toString() : "created:" + a.creationTime().toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read live ingress file " + file, e);
    }
  }

  /**
   * Moves each file's cursor to the first line whose event is not done yet, or past the last line
   * read when all are.
   */
  private static void moveCursors(RunnerState state, List<FileRead> reads) {
    for (FileRead read : reads) {
      InboxReader.Slice slice = read.slice();
      long offset = slice.end();
      long line = slice.lineNumber();
      for (InboxReader.Positioned p : slice.lines()) {
        if (p.line() instanceof InboxLine.Accepted a && !state.isProcessed(a.event().eventKey())) {
          offset = p.start();
          line = a.line() - 1;
          break;
        }
      }
      state.cursor(read.transport(), new RunnerState.InboxCursor(read.fileId(), offset, line));
    }
  }

  private void createStateDir() {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state dir " + stateDir, e);
    }
  }

  private CycleReport cycle(
      RunnerState state, List<InboundEvent> events, List<FileRead> reads, long started)
      throws InterruptedException {
    AckFile ack = AckFile.load(stateDir, warn);
    ack.acked().forEach(state::markProcessed);
    String unconfirmed = ack.delivering().orElse(null);
    RouteBindings bindings = loadBindings();
    if (decider == null || !decider.isCurrent()) {
      decider = AccessDecider.load(SecurityPaths.tauRoot(stateDir), clock);
    }
    decider.warnings().forEach(warn);
    TelemetryCounters before = state.telemetry().copy();

    CycleReport report = new CycleReport();
    List<InboundEvent> sorted =
        events.stream()
            .sorted(
                Comparator.comparingLong(InboundEvent::timestampMs)
                    .thenComparing(InboundEvent::eventKey))
            .toList();
    report.discovered = sorted.size();
    report.inboxRemaining = reads.stream().anyMatch(r -> r.slice().more());
    List<InboundEvent> pending = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (InboundEvent event : sorted) {
      String key = event.eventKey();
      if (state.isProcessed(key) || !seen.add(key)) {
        report.duplicateSkips++;
      } else {
        pending.add(event);
      }
    }
    int take = Math.min(pending.size(), settings.queueLimit());
    report.backlog = pending.size() - take;
    report.queued = report.duplicateSkips + take;

    List<String> uncommitted = new ArrayList<>();
    for (InboundEvent event : pending.subList(0, take)) {
      String key = event.eventKey();
      boolean wasInFlight = key.equals(unconfirmed);
      if (processWithRetries(event, bindings, decider, state, ack, report, wasInFlight)) {
        state.markProcessed(key);
        state.clearFailedCycles(key);
        uncommitted.add(key);
        if (!groupCommit() || uncommitted.size() >= COMMIT_BATCH) {
          commit(ack, uncommitted);
        }
      }
    }
    commit(ack, uncommitted);

    long streak = report.failed > 0 ? state.health().failureStreak() + 1 : 0;
    long now = clock.millis();
    report.health =
        new TransportHealth(
            now,
            Math.max(0, now - started),
            report.backlog,
            0,
            streak,
            report.discovered,
            report.completed + report.failed + report.duplicateSkips,
            report.completed,
            report.failed,
            report.duplicateSkips);
    report.telemetry = state.telemetry().since(before);
    report.timestampUnixMs = now;
    state.health(report.health);
    moveCursors(state, reads);
    state.trim(settings.processedEventCap());
    state.save(stateDir, settings.telemetry(), settings.media());
    keepState(state);
    ack.delete();
    JsonlAppender.append(stateDir.resolve(RUNTIME_EVENTS), report.toJson());
    return report;
  }

  /**
   * Whether acknowledgements are batched ({@link #COMMIT_BATCH}). With provider delivery every
   * event is forced and acknowledged on its own before the next one's reply leaves for a platform,
   * as the in-flight journal needs; without it nothing is sent, so a crash before the batch's ack
   * only means its events are processed again, which the idempotent store absorbs.
   */
  private boolean groupCommit() {
    return dispatcher.mode() != OutboundMode.PROVIDER;
  }

  /**
   * The store of one conversation, kept open: a reused store reads only the lines appended since it
   * last looked, instead of parsing the whole conversation again for every event.
   */
  private ChannelStore store(String transport, String channelId) {
    String id = transport + '\n' + channelId;
    ChannelStore cached = stores.get(id);
    if (cached != null) {
      try {
        cached.refresh();
        return cached;
      } catch (UncheckedIOException e) {
        stores.remove(id); // removed from under us: open it afresh
      }
    }
    ChannelStore opened =
        ChannelStore.open(stateDir.resolve("channel-store"), transport, channelId)
            .forceOnAppend(!groupCommit());
    stores.put(id, opened);
    return opened;
  }

  /**
   * Forces every line written so far (channel stores, route traces), then acknowledges {@code keys}
   * in one journal write: an acknowledged event is always durable.
   */
  private void commit(AckFile ack, List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    if (groupCommit()) {
      List<Runnable> forces = new ArrayList<>();
      forces.add(() -> JsonlAppender.force(stateDir.resolve(ROUTE_TRACES)));
      for (ChannelStore store : stores.values()) {
        if (store.unsynced()) {
          forces.add(store::sync);
        }
      }
      forceAll(forces);
    }
    ack.ackAll(keys);
    keys.clear();
  }

  /**
   * Runs the forces side by side: a batch touches many conversations, and concurrent fsyncs share
   * the file system's journal commits (about three times faster than one after another for 64 files
   * on the build machine).
   */
  private static void forceAll(List<Runnable> forces) {
    if (forces.size() == 1) {
      forces.getFirst().run();
      return;
    }
    List<Future<?>> running = new ArrayList<>(forces.size());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      forces.forEach(f -> running.add(pool.submit(f)));
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException io) {
            throw io;
          }
          throw new IllegalStateException("forcing the channel store failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(
              new java.io.InterruptedIOException("interrupted while forcing the channel store"));
        }
      }
    }
  }

  /**
   * The state saved by the previous cycle when {@code state.json} is still the file it wrote, else
   * the file read again. Taken once: a cycle that fails midway leaves nothing to reuse.
   */
  private RunnerState reusableState() {
    RunnerState kept = lastState;
    lastState = null;
    if (kept != null && lastStateFingerprint.equals(stateFingerprint())) {
      return kept;
    }
    return RunnerState.load(stateDir, warn);
  }

  private void keepState(RunnerState state) {
    String fingerprint = stateFingerprint();
    if (!fingerprint.isEmpty()) {
      lastState = state;
      lastStateFingerprint = fingerprint;
    }
  }

  private String stateFingerprint() {
    try {
      var a =
          Files.readAttributes(
              stateDir.resolve("state.json"), java.nio.file.attribute.BasicFileAttributes.class);
      return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "";
    }
  }

  private RouteBindings loadBindings() {
    try {
      return RouteBindings.load(bindingsFile(stateDir));
    } catch (PolicyFileException e) {
      warn.accept("multi-channel route bindings ignored: " + e.getMessage());
      return RouteBindings.empty();
    }
  }

  /**
   * A failed attempt: retried with backoff when {@code retryable}, else the event fails for good
   * now.
   */
  private static final class AttemptFailure extends RuntimeException {
    private final boolean retryable;
    private final String code;

    AttemptFailure(boolean retryable, String code, String message) {
      super(message, null, false, false);
      this.retryable = retryable;
      this.code = code;
    }
  }

  /** The access outcome as the runner records it (decided now, or read back after a crash). */
  private record Verdict(
      boolean allowed,
      String reason,
      boolean enforced,
      AccessReason scope,
      JsonNode channelPolicy,
      JsonNode secureMessaging,
      JsonNode pairing) {

    static Verdict of(AccessDecision d) {
      return new Verdict(
          d.allowed(),
          d.reason().wire(),
          d.policyEnforced(),
          d.reason(),
          d.channelPolicy().toJson(),
          d.secureMessaging().toJson(),
          d.pairing().toJson());
    }

    /** From an inbound line already on disk: signed-envelope nonces must not be re-checked. */
    static Verdict recorded(JsonNode payload) {
      JsonNode access = payload.path("access");
      String reason = Json.text(access, "reason_code", "");
      AccessReason scope = null;
      try {
        scope = AccessReason.valueOf(reason.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // an unknown code grants no operator scope
      }
      return new Verdict(
          "allow".equals(Json.text(access, "decision", "")),
          reason,
          access.path("policy_enforced").asBoolean(false),
          scope,
          payload.path("channel_policy"),
          payload.path("secure_messaging"),
          payload.path("pairing"));
    }
  }

  /**
   * Returns whether the event is done: completed (allowed or denied), or failed for good — a
   * failure that is not retryable, or the {@link #MAX_FAILED_CYCLES}th cycle that failed — which is
   * recorded as an outbound {@code status:"failed"} line and acknowledged like a completion, so it
   * neither comes back first in every cycle nor asks the model again.
   */
  private boolean processWithRetries(
      InboundEvent event,
      RouteBindings bindings,
      AccessDecider decider,
      RunnerState state,
      AckFile ack,
      CycleReport report,
      boolean wasInFlight)
      throws InterruptedException {
    String key = event.eventKey();
    long simulated = Math.max(0, metadataLong(event, "simulate_transient_failures"));
    Verdict verdict = null;
    String lastError = "";
    String lastCode = "";
    boolean retryable = true;
    for (int attempt = 1; attempt <= settings.retryMaxAttempts(); attempt++) {
      if (attempt > 1) {
        report.retryAttempts++;
        long delay =
            RetryBackoff.delayMs(
                settings.retryBaseDelayMs(), settings.retryJitterMs(), key, attempt - 1);
        if (delay > 0) {
          sleeper.sleep(delay);
        }
      }
      try {
        if (attempt <= simulated) {
          throw new AttemptFailure(
              true,
              "simulated_transient_failure",
              "simulated transient failure " + attempt + "/" + simulated);
        }
        RouteDecision route = bindings.resolve(event);
        ChannelStore store = store(event.transport().wire(), route.sessionKey());
        if (verdict == null) {
          verdict = recordedVerdict(store, key);
          if (verdict == null) {
            verdict = Verdict.of(decider.decide(event));
          }
        }
        processOnce(event, route, store, verdict, state, ack, wasInFlight && attempt == 1);
        report.completed++;
        report.policyChecked++;
        if (verdict.enforced()) {
          report.policyEnforced++;
        }
        if (verdict.allowed()) {
          report.policyAllowed++;
        } else {
          report.policyDenied++;
        }
        return true;
      } catch (AttemptFailure e) {
        report.transientFailures++;
        lastError = e.getMessage();
        lastCode = e.code;
        if (!e.retryable) {
          retryable = false;
          break;
        }
      } catch (UncheckedIOException e) {
        // a store that cannot be written (disk, permissions)
        report.transientFailures++;
        lastError = e.getMessage();
        lastCode = "channel_store_error";
      } catch (RuntimeException e) {
        // a foreign schema.json, a bug: one event's failure must not abort the cycle
        report.transientFailures++;
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastCode = "event_processing_error";
      }
    }
    report.failed++;
    int cycles = state.countFailedCycle(key);
    boolean done = !retryable || cycles >= MAX_FAILED_CYCLES;
    warn.accept(
        "multi-channel runner event failed: key="
            + key
            + " transport="
            + event.transport().wire()
            + (done ? " final=true reason_code=" + finalCode(retryable, lastCode) : "")
            + " error="
            + lastError);
    if (!done) {
      return false;
    }
    report.failedFinal++;
    recordFinalFailure(event, bindings, finalCode(retryable, lastCode), lastError, cycles);
    return true;
  }

  private static String finalCode(boolean retryable, String lastCode) {
    return retryable ? "event_attempts_exhausted" : lastCode;
  }

  /**
   * The outbound {@code status:"failed"} line of an event that failed for good (best effort: when
   * the store itself is what fails, the warning is all there is).
   */
  private void recordFinalFailure(
      InboundEvent event, RouteBindings bindings, String code, String detail, int cycles) {
    try {
      RouteDecision route = bindings.resolve(event);
      ChannelStore store = store(event.transport().wire(), route.sessionKey());
      ObjectNode line = Json.object();
      line.put("event_key", event.eventKey());
      line.put("transport", event.transport().wire());
      line.put("conversation_id", event.conversationId());
      line.put("route_session_key", route.sessionKey());
      line.put("status", "failed");
      line.put("reason_code", code);
      line.put("detail", detail);
      line.put("final", true);
      line.put("failed_cycles", cycles);
      outbound(store, event.eventKey(), line);
    } catch (RuntimeException e) {
      warn.accept(
          "multi-channel runner could not record the final failure of "
              + event.eventKey()
              + ": "
              + e.getMessage());
    }
  }

  private static Verdict recordedVerdict(ChannelStore store, String key) {
    if (!store.hasLog(key, Direction.INBOUND, "")) {
      return null;
    }
    for (JsonNode line : store.readLog().records()) {
      if (key.equals(Json.text(line, "event_key", ""))
          && "inbound".equals(Json.text(line, "direction", ""))
          && line.path("payload").path("access").isObject()) {
        return Verdict.recorded(line.path("payload"));
      }
    }
    return null;
  }

  private void processOnce(
      InboundEvent event,
      RouteDecision route,
      ChannelStore store,
      Verdict verdict,
      RunnerState state,
      AckFile ack,
      boolean sendWasInFlight) {
    String key = event.eventKey();
    long now = clock.millis();
    ObjectNode trace = route.toTrace(now);
    MediaReport mediaReport = mediaReport(event, store, verdict);
    // 1. the inbound line, and its route trace when it is new
    if (!store.hasLog(key, Direction.INBOUND, "")) {
      ObjectNode inbound = event.toJson();
      inbound.set("pairing", verdict.pairing());
      inbound.set("secure_messaging", verdict.secureMessaging());
      inbound.set("channel_policy", verdict.channelPolicy());
      inbound.set("route", trace);
      inbound.put("route_session_key", route.sessionKey());
      if (mediaReport != null) {
        inbound.set("media_understanding", mediaReport.toJson());
      }
      ObjectNode access = inbound.putObject("access");
      access.put("decision", verdict.allowed() ? "allow" : "deny");
      access.put("reason_code", verdict.reason());
      access.put("policy_enforced", verdict.enforced());
      store.appendLog(
          List.of(
              new ChannelStore.LogEntry(
                  now, Direction.INBOUND, key, event.transport().wire(), inbound)));
      JsonlAppender.appendLine(stateDir.resolve(ROUTE_TRACES), Json.write(trace), !groupCommit());
    }
    // 2. denied: one outbound line, no reply
    if (!verdict.allowed()) {
      ObjectNode denied = common(event, route, trace, verdict);
      denied.put("status", "denied");
      denied.put("reason_code", verdict.reason());
      denied.put("policy_channel", event.policyChannel());
      denied.put("actor_id", event.actorId());
      outbound(store, key, denied);
      offerPairing(event, route, store, trace, verdict);
      return;
    }
    if (store.hasLog(key, Direction.OUTBOUND, "")
        || store.hasLog(key, Direction.OUTBOUND, "failed")
        || store.hasLog(key, Direction.OUTBOUND, "delivery_unconfirmed")
        || store.hasLog(key, Direction.OUTBOUND, "reply_blocked")) {
      return; // answered before a crash, only the ack was missing
    }
    if (sendWasInFlight) {
      // the previous process died while this reply was on its way: it may have arrived
      ObjectNode unconfirmed = common(event, route, trace, verdict);
      unconfirmed.put("status", "delivery_unconfirmed");
      unconfirmed.put("reason_code", "delivery_unconfirmed_after_restart");
      unconfirmed.put(
          "detail", "the runner stopped while this reply was being sent; it is not sent again");
      outbound(store, key, unconfirmed);
      return;
    }
    // 3. the reply: a /tau command, a reply already written before a crash, or the agent
    TauCommandHook.CommandOutcome command = null;
    String response;
    if (TauCommandHook.isTauCommand(event.text())) {
      command = commands.handle(event, TauCommandHook.commandLine(event.text()), verdict.scope());
      response = command.response();
    } else {
      String earlier = recordedReply(store, key);
      response =
          earlier != null ? earlier : generate(event, route, store, trace, verdict, mediaReport);
      if (response == null) {
        return; // blocked by a guardrail; recorded
      }
    }
    long t = clock.millis();
    store.appendContext(
        List.of(
            new ChannelStore.ContextEntry(t, "user", withMedia(event.text(), mediaReport), key),
            new ChannelStore.ContextEntry(t, "assistant", response, key)));
    // 4. typing/presence, delivery, response line
    boolean lifecycle = lifecycleApplies(event, response);
    if (lifecycle) {
      lifecycleLine(store, event, route, "typing", "started", "typing_started", state);
      lifecycleLine(store, event, route, "presence", "active", "presence_active", state);
    }
    DeliveryOutcome delivery = deliver(event, response, store, route, trace, verdict, command, ack);
    ObjectNode out = common(event, route, trace, verdict);
    out.put("response", response);
    if (mediaReport != null) {
      out.set("media_understanding", mediaReport.toJson());
    }
    ObjectNode d = out.putObject("delivery");
    d.put("mode", delivery.mode().wire());
    d.put("chunk_count", delivery.chunkCount());
    var receipts = d.putArray("receipts");
    delivery.receipts().forEach(r -> receipts.add(receiptJson(r)));
    if (command != null) {
      out.set("command", commandJson(command));
    }
    boolean newResponse = outbound(store, key, out);
    if (lifecycle) {
      lifecycleLine(store, event, route, "typing", "stopped", "typing_stopped", state);
      lifecycleLine(store, event, route, "presence", "idle", "presence_idle", state);
    }
    if (newResponse && settings.telemetry().usageSummaryEnabled()) {
      state
          .telemetry()
          .usage(
              event.transport().wire(),
              response.codePointCount(0, response.length()),
              delivery.chunkCount(),
              costMicros(event));
    }
  }

  /**
   * A DM stranger denied for not being paired gets a pairing code (once per event, even across a
   * restart); the code itself is not written to the channel store.
   */
  private void offerPairing(
      InboundEvent event,
      RouteDecision route,
      ChannelStore store,
      ObjectNode trace,
      Verdict verdict) {
    String key = event.eventKey();
    if (pairing == null
        || !verdict.reason().equals(AccessReason.DENY_ACTOR_NOT_PAIRED_OR_ALLOWLISTED.wire())
        || ConversationKind.of(event) != ConversationKind.DM
        || store.hasLog(key, Direction.OUTBOUND, "pairing_code_sent")
        || store.hasLog(key, Direction.OUTBOUND, "pairing_rate_limited")) {
      return;
    }
    PairingOutcome outcome =
        pairing.request(event.policyChannel(), event.actorId(), event.actorDisplay());
    ObjectNode line = common(event, route, trace, verdict);
    switch (outcome) {
      case PairingOutcome.RateLimited limited -> {
        line.put("status", "pairing_rate_limited");
        line.put("reason_code", "pairing_rate_limited");
        line.put("retry_after_ms", limited.retryAfterMs());
        outbound(store, key, line);
        return;
      }
      case PairingOutcome.Issued issued ->
          sendPairingCode(event, store, line, issued.code(), issued.expiresUnixMs());
      case PairingOutcome.Pending pending ->
          sendPairingCode(event, store, line, pending.code(), pending.expiresUnixMs());
    }
  }

  private void sendPairingCode(
      InboundEvent event, ChannelStore store, ObjectNode line, String code, long expiresUnixMs) {
    String shown = PairingRequests.display(code);
    String text =
        "You are not paired with this Tau agent yet. Your pairing code is "
            + shown
            + " (valid until "
            + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(expiresUnixMs))
            + "). Ask the operator to run: bin/tau pairing approve "
            + event.policyChannel()
            + " "
            + shown;
    DeliveryOutcome delivery = dispatcher.deliver(event, text);
    line.put("status", "pairing_code_sent");
    line.put("reason_code", "pairing_code_issued");
    line.put("pairing_code_expires_unix_ms", expiresUnixMs);
    ObjectNode d = line.putObject("delivery");
    d.put("mode", delivery.mode().wire());
    d.put("chunk_count", delivery.chunkCount());
    var receipts = d.putArray("receipts");
    // receipts carry the request body, which holds the code: keep only their outcome
    delivery
        .receipts()
        .forEach(
            r ->
                receipts
                    .addObject()
                    .put("status", r.status())
                    .put("reason_code", r.reasonCode())
                    .put("http_status", r.httpStatus()));
    outbound(store, event.eventKey(), line);
  }

  private String generate(
      InboundEvent event,
      RouteDecision route,
      ChannelStore store,
      ObjectNode trace,
      Verdict verdict,
      MediaReport mediaReport) {
    ReplyGenerator.Reply reply =
        replies.reply(event, route.sessionKey(), prompt(event, mediaReport));
    return switch (reply) {
      case ReplyGenerator.Reply.Answered a -> a.text();
      case ReplyGenerator.Reply.Blocked b -> {
        ObjectNode blocked = common(event, route, trace, verdict);
        blocked.put("status", "reply_blocked");
        blocked.put("reason_code", b.reasonCode());
        blocked.put("detail", b.detail());
        outbound(store, event.eventKey(), blocked);
        yield null;
      }
      case ReplyGenerator.Reply.Failed f -> {
        ObjectNode failed = common(event, route, trace, verdict);
        failed.put("status", "reply_failed");
        failed.put("reason_code", f.code());
        failed.put("detail", f.detail());
        failed.put("retryable", f.retryable());
        outbound(store, event.eventKey(), failed);
        throw new AttemptFailure(
            f.retryable(), f.code(), "reply failed: " + f.code() + ": " + f.detail());
      }
    };
  }

  private DeliveryOutcome deliver(
      InboundEvent event,
      String response,
      ChannelStore store,
      RouteDecision route,
      ObjectNode trace,
      Verdict verdict,
      TauCommandHook.CommandOutcome command,
      AckFile ack) {
    if (response.isBlank()) {
      return new DeliveryOutcome(dispatcher.mode(), 0, List.of());
    }
    boolean external = dispatcher.mode() == OutboundMode.PROVIDER;
    AckFile journal = external ? ack : null;
    if (journal != null) {
      journal.delivering(event.eventKey());
    }
    DeliveryOutcome outcome = dispatcher.deliver(event, response);
    if (outcome.failed()) {
      DeliveryReceipt first =
          outcome.receipts().stream().filter(DeliveryReceipt::failed).findFirst().orElseThrow();
      ObjectNode failed = common(event, route, trace, verdict);
      failed.put("status", "delivery_failed");
      failed.put("reason_code", first.reasonCode());
      failed.put("detail", first.detail());
      failed.put("retryable", first.retryable());
      failed.put("chunk_index", first.chunkIndex());
      failed.put("chunk_count", first.chunkCount());
      failed.put("endpoint", first.endpoint());
      failed.put("http_status", first.httpStatus());
      failed.put("request_body", first.requestBody());
      failed.put("delivery_mode", outcome.mode().wire());
      if (command != null) {
        failed.set("command", commandJson(command));
      }
      outbound(store, event.eventKey(), failed);
      if (journal != null) {
        journal.delivered();
      }
      throw new AttemptFailure(
          outcome.retryable(),
          first.reasonCode(),
          "delivery failed: " + first.reasonCode() + ": " + first.detail());
    }
    if (journal != null) {
      journal.delivered();
    }
    return outcome;
  }

  private boolean lifecycleApplies(InboundEvent event, String response) {
    TelemetryPolicy p = settings.telemetry();
    if (!p.typingPresenceEnabled()) {
      return false;
    }
    JsonNode forced = event.metadata().get("telemetry_force_typing_presence");
    return (forced != null && forced.asBoolean(false))
        || response.codePointCount(0, response.length()) >= p.typingPresenceMinResponseChars();
  }

  private void lifecycleLine(
      ChannelStore store,
      InboundEvent event,
      RouteDecision route,
      String kind,
      String phase,
      String status,
      RunnerState state) {
    String transport = event.transport().wire();
    ObjectNode payload = Json.object();
    payload.put("status", status);
    payload.put("record_type", "multi_channel_telemetry_lifecycle_v1");
    payload.put("reason_code", "telemetry_lifecycle_emitted");
    payload.put("telemetry_kind", kind);
    payload.put("telemetry_state", phase);
    payload.put("signal", signal(transport, kind, phase));
    payload.put("transport", transport);
    payload.put("event_key", event.eventKey());
    if (settings.telemetry().includeIdentifiers()) {
      payload.put("conversation_id", event.conversationId());
      payload.put("actor_id", event.actorId());
      payload.put("route_session_key", route.sessionKey());
    }
    if (outbound(store, event.eventKey(), payload)) {
      if (kind.equals("typing")) {
        state.telemetry().typing(transport);
      } else {
        state.telemetry().presence(transport);
      }
    }
  }

  private static String signal(String transport, String kind, String phase) {
    if (kind.equals("typing")) {
      return transport + ":typing";
    }
    if (phase.equals("idle")) {
      return transport + ":idle";
    }
    return transport + (transport.equals("whatsapp") ? ":available" : ":online");
  }

  private boolean outbound(ChannelStore store, String key, ObjectNode payload) {
    return store.appendLog(
            List.of(
                new ChannelStore.LogEntry(
                    clock.millis(), Direction.OUTBOUND, key, SOURCE, payload)))
        > 0;
  }

  private static ObjectNode common(
      InboundEvent event, RouteDecision route, ObjectNode trace, Verdict verdict) {
    ObjectNode node = Json.object();
    node.put("event_key", event.eventKey());
    node.put("transport", event.transport().wire());
    node.put("conversation_id", event.conversationId());
    node.put("route_session_key", route.sessionKey());
    node.set("route", trace);
    node.set("pairing", verdict.pairing());
    node.set("secure_messaging", verdict.secureMessaging());
    node.set("channel_policy", verdict.channelPolicy());
    return node;
  }

  private static String recordedReply(ChannelStore store, String key) {
    if (!store.hasContext(key, "assistant")) {
      return null;
    }
    String found = null;
    for (JsonNode line : store.readContext().records()) {
      if (key.equals(Json.text(line, "event_key", ""))
          && "assistant".equals(Json.text(line, "role", ""))) {
        found = Json.text(line, "text", "");
      }
    }
    return found;
  }

  /**
   * The media report of an allowed message with attachments: the one on its inbound line when that
   * is already written (a retry or restart downloads nothing again), else a new one. Denied events
   * and {@code /tau} commands get none: nothing a stranger sends is fetched unless it may reach the
   * agent.
   */
  private MediaReport mediaReport(InboundEvent event, ChannelStore store, Verdict verdict) {
    if (!verdict.allowed()
        || event.attachments().isEmpty()
        || TauCommandHook.isTauCommand(event.text())) {
      return null;
    }
    String key = event.eventKey();
    if (store.hasLog(key, Direction.INBOUND, "")) {
      for (JsonNode line : store.readLog().records()) {
        JsonNode recorded = line.path("payload").path("media_understanding");
        if (key.equals(Json.text(line, "event_key", ""))
            && "inbound".equals(Json.text(line, "direction", ""))
            && recorded.isObject()) {
          try {
            return MediaReport.fromJson(recorded);
          } catch (IllegalArgumentException e) {
            return null; // an unreadable record: answer without it rather than fetch again
          }
        }
      }
      return null;
    }
    return media.understand(event, settings.media());
  }

  /** The text plus, when there is one, a blank line and the media block (§5.8 context entry). */
  private static String withMedia(String text, MediaReport report) {
    String block = report == null ? "" : report.promptBlock();
    if (block.isEmpty()) {
      return text;
    }
    return text.isBlank() ? block : text + "\n\n" + block;
  }

  /** What the agent reads: the message text, then one line per attachment. */
  static String prompt(InboundEvent event) {
    return prompt(event, null);
  }

  /**
   * What the agent reads: the message text, one line per attachment, then the media understanding
   * outcomes (descriptions, transcripts, summaries) when there are any.
   */
  static String prompt(InboundEvent event, MediaReport mediaReport) {
    StringBuilder text = new StringBuilder(event.text().strip());
    for (var a : event.attachments()) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append("[attachment ")
          .append(a.fileName().isBlank() ? a.attachmentId() : a.fileName())
          .append(a.contentType().isBlank() ? "" : " (" + a.contentType() + ")")
          .append(": ")
          .append(a.url())
          .append(']');
    }
    return withMedia(text.toString(), mediaReport);
  }

  static ObjectNode receiptJson(DeliveryReceipt r) {
    ObjectNode node = Json.object();
    node.put("transport", r.transport());
    node.put("mode", r.mode().wire());
    node.put("status", r.status());
    node.put("chunk_index", r.chunkIndex());
    node.put("chunk_count", r.chunkCount());
    node.put("endpoint", r.endpoint());
    node.put("request_body", r.requestBody());
    node.put("reason_code", r.reasonCode());
    node.put("detail", r.detail());
    node.put("retryable", r.retryable());
    node.put("http_status", r.httpStatus());
    node.put("provider_message_id", r.providerMessageId());
    return node;
  }

  private static ObjectNode commandJson(TauCommandHook.CommandOutcome c) {
    ObjectNode node = Json.object();
    node.put("schema", "multi_channel_tau_command_v1");
    node.put("command", c.command());
    node.put("status", c.status());
    node.put("reason_code", c.reasonCode());
    node.put("suppressed", c.response().isBlank());
    return node;
  }

  private static long costMicros(InboundEvent event) {
    long micros = metadataLong(event, "usage_cost_micros");
    if (micros > 0) {
      return micros;
    }
    JsonNode usd = event.metadata().get("usage_cost_usd");
    if (usd != null && usd.isNumber() && usd.asDouble() >= 0) {
      return Math.round(usd.asDouble() * 1_000_000);
    }
    return 0;
  }

  private static long metadataLong(InboundEvent event, String key) {
    JsonNode value = event.metadata().get(key);
    if (value == null) {
      return 0;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isString()) {
      try {
        return Long.parseLong(value.asString().strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
