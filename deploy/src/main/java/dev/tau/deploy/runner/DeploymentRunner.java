package dev.tau.deploy.runner;

import dev.tau.channels.runtime.JsonlAppender;
import dev.tau.channels.store.ChannelStore;
import dev.tau.channels.store.ChannelStore.ContextEntry;
import dev.tau.channels.store.ChannelStore.Direction;
import dev.tau.channels.store.ChannelStore.LogEntry;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * One cycle of the deployment contract runner (tau-spec §1.2, §4.4): sort the fixture's cases, skip
 * the ones already processed, take at most the queue limit of the rest, evaluate each (retrying
 * retryable failures), record rollouts and the channel-store audit, then save {@code state.json}
 * atomically and append one line to {@code runtime-events.jsonl}.
 *
 * <p>Unlike the original, the queue limit applies to new cases only: processed cases are skipped
 * before the limit is taken, so a fixture with more processed cases than the limit never starves a
 * new case.
 */
public final class DeploymentRunner {
  public static final String RUNTIME_EVENTS = "runtime-events.jsonl";
  public static final String CHANNEL_STORE = "channel-store";
  public static final String TRANSPORT = "deployment";
  static final String SOURCE = "tau-deployment-runner";
  private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]+");

  /** Waits between retries; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final Path stateDir;
  private final DeploymentRunnerSettings settings;
  private final CaseEvaluator evaluator;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> warn;

  public DeploymentRunner(
      Path stateDir,
      DeploymentRunnerSettings settings,
      CaseEvaluator evaluator,
      Clock clock,
      Sleeper sleeper,
      Consumer<String> warn) {
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.warn = Objects.requireNonNull(warn, "warn");
  }

  /** Counters of the cycle under way. */
  private static final class Counts {
    long applied;
    long duplicates;
    long malformed;
    long retryable;
    long retries;
    long failed;
    long upserted;
    long wasm;
    long cloud;
  }

  /**
   * Runs one cycle over the fixture's cases.
   *
   * @throws FixtureException when a case's observed result differs from its expectation (nothing of
   *     this cycle is saved)
   * @throws DeploymentStateException when the state files cannot be written
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public DeploymentCycleReport runCycle(DeploymentFixture fixture) throws InterruptedException {
    return runCycle(fixture.cases());
  }

  /**
   * Runs one cycle over {@code cases} (an empty list is a cycle with nothing to do: {@code
   * healthy_cycle}).
   *
   * @throws FixtureException when a case's observed result differs from its expectation (nothing of
   *     this cycle is saved)
   * @throws DeploymentStateException when the state files cannot be written
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public DeploymentCycleReport runCycle(List<DeploymentCase> cases) throws InterruptedException {
    long started = clock.millis();
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new DeploymentStateException("cannot create state dir " + stateDir + ": " + e, e);
    }
    DeploymentState state = DeploymentState.load(stateDir, warn);
    state.trim(settings.processedCaseCap());

    List<DeploymentCase> sorted =
        cases.stream()
            .sorted(
                Comparator.comparing(DeploymentCase::caseId)
                    .thenComparing(DeploymentCase::blueprintId)
                    .thenComparing(DeploymentCase::deployTarget))
            .toList();
    Counts n = new Counts();
    // dedupe first, then the limit: processed cases never use up the queue
    List<DeploymentCase> pending = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DeploymentCase c : sorted) {
      if (state.isProcessed(c.key()) || !seen.add(c.key())) {
        n.duplicates++;
      } else {
        pending.add(c);
      }
    }
    int take = Math.min(pending.size(), settings.queueLimit());
    List<Runnable> audits = new ArrayList<>();
    for (DeploymentCase c : pending.subList(0, take)) {
      apply(c, state, n, audits);
    }
    // every case matched its expectation: now the cycle's effects are written
    audits.forEach(Runnable::run);
    state.trim(settings.processedCaseCap());

    long queued = n.duplicates + take;
    long discovered = sorted.size();
    long streak = n.failed > 0 ? state.health().failureStreak() + 1 : 0;
    long now = clock.millis();
    TransportHealth health =
        new TransportHealth(
            now,
            Math.max(0, now - started),
            discovered - queued,
            0,
            streak,
            discovered,
            n.applied + n.malformed + n.failed + n.duplicates,
            n.applied + n.malformed,
            n.failed,
            n.duplicates);
    state.health(health);
    DeploymentCycleReport report =
        new DeploymentCycleReport(
            now,
            discovered,
            queued,
            n.applied,
            n.duplicates,
            n.malformed,
            n.retryable,
            n.retries,
            n.failed,
            n.upserted,
            n.wasm,
            n.cloud,
            health);
    state.save(stateDir);
    try {
      JsonlAppender.append(stateDir.resolve(RUNTIME_EVENTS), report.toJson());
    } catch (UncheckedIOException e) {
      throw new DeploymentStateException(
          "cannot append to " + stateDir.resolve(RUNTIME_EVENTS) + ": " + e.getMessage(), e);
    }
    return report;
  }

  private void apply(DeploymentCase c, DeploymentState state, Counts n, List<Runnable> audits)
      throws InterruptedException {
    String key = c.key();
    CaseResult result = null;
    for (int attempt = 1; attempt <= settings.retryMaxAttempts(); attempt++) {
      if (attempt > 1) {
        n.retries++;
        long delay = settings.delayMs(attempt - 1);
        if (delay > 0) {
          sleeper.sleep(delay);
        }
      }
      result = evaluator.evaluate(c);
      result.requireMatches(c);
      if (result.outcome() != CaseOutcome.RETRYABLE_FAILURE) {
        break;
      }
      n.retryable++;
    }
    CaseResult last = Objects.requireNonNull(result, "at least one attempt runs");
    switch (last.outcome()) {
      case SUCCESS -> {
        RolloutRecord rollout = rollout(c, key, last);
        state.upsertRollout(rollout);
        state.markProcessed(key);
        n.applied++;
        n.upserted++;
        if (rollout.wasm()) {
          n.wasm++;
        } else {
          n.cloud++;
        }
        audits.add(() -> auditSuccess(c, key, rollout, state));
      }
      case MALFORMED_INPUT -> {
        state.markProcessed(key);
        n.malformed++;
        audits.add(() -> auditRejected(c, key, last));
      }
      case RETRYABLE_FAILURE -> {
        n.failed++;
        audits.add(() -> auditRejected(c, key, last));
      }
    }
  }

  private RolloutRecord rollout(DeploymentCase c, String key, CaseResult result) {
    ObjectNode body = result.responseBody();
    List<String> constraints = new ArrayList<>();
    body.path("runtime_constraints").forEach(v -> constraints.add(v.asString()));
    return new RolloutRecord(
        key,
        c.caseId().strip(),
        Json.text(body, "deploy_target", ""),
        Json.text(body, "runtime_profile", ""),
        Json.text(body, "blueprint_id", ""),
        Json.text(body, "environment", ""),
        Json.text(body, "region", ""),
        Json.text(body, "artifact", ""),
        Json.text(body, "artifact_sha256", ""),
        Json.number(body, "artifact_size_bytes", 0),
        Json.text(body, "artifact_manifest", ""),
        constraints,
        Json.number(body, "replicas", 0),
        Json.text(body, "rollout_strategy", ""),
        result.statusCode(),
        result.outcome().wire(),
        "",
        clock.millis());
  }

  /**
   * The audit store of a case: channel {@code <blueprint_id>} when the id is {@code
   * [A-Za-z0-9_-]+}, else the shared channel {@code deployment}.
   */
  private ChannelStore store(DeploymentCase c) {
    String blueprint = c.blueprintId().strip();
    String channel = CHANNEL_ID.matcher(blueprint).matches() ? blueprint : TRANSPORT;
    try {
      return ChannelStore.open(stateDir.resolve(CHANNEL_STORE), TRANSPORT, channel);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new DeploymentStateException(
          "cannot open the deployment channel store for " + channel + ": " + e.getMessage(), e);
    }
  }

  private void auditSuccess(DeploymentCase c, String key, RolloutRecord r, DeploymentState state) {
    ObjectNode payload = Json.object();
    // "status" makes the line's identity per outcome: a case that failed before and now succeeds
    // gets its success line (the store skips a line it already holds)
    payload.put("status", CaseOutcome.SUCCESS.wire());
    payload.put("outcome", CaseOutcome.SUCCESS.wire());
    payload.put("case_id", r.caseId());
    payload.put("deploy_target", r.deployTarget());
    payload.put("runtime_profile", r.runtimeProfile());
    payload.put("blueprint_id", r.blueprintId());
    payload.put("status_code", r.statusCode());
    payload.put("artifact", r.artifact());
    payload.put("artifact_sha256", r.artifactSha256());
    payload.put("artifact_size_bytes", r.artifactSizeBytes());
    payload.put("artifact_manifest", r.artifactManifest());
    var constraints = payload.putArray("runtime_constraints");
    r.runtimeConstraints().forEach(constraints::add);
    payload.put("rollout_strategy", r.rolloutStrategy());
    String text =
        "deployment case "
            + r.caseId()
            + " applied target="
            + r.deployTarget()
            + " runtime="
            + r.runtimeProfile()
            + " status="
            + r.statusCode();
    ChannelStore store = store(c);
    write(store, key, CaseOutcome.SUCCESS, payload, text);
    writeMemory(store, c.blueprintId().strip(), state);
  }

  private void auditRejected(DeploymentCase c, String key, CaseResult result) {
    ObjectNode payload = Json.object();
    payload.put("status", result.outcome().wire());
    payload.put("outcome", result.outcome().wire());
    payload.put("case_id", c.caseId().strip());
    payload.put("deploy_target", lower(c.deployTarget()));
    payload.put("runtime_profile", lower(c.runtimeProfile()));
    payload.put("blueprint_id", c.blueprintId().strip());
    payload.put("status_code", result.statusCode());
    payload.put("error_code", result.errorCodeWire());
    String text =
        "deployment case "
            + c.caseId().strip()
            + " outcome="
            + result.outcome().wire()
            + " error_code="
            + result.errorCodeWire()
            + " status="
            + result.statusCode();
    write(store(c), key, result.outcome(), payload, text);
  }

  private void write(
      ChannelStore store, String key, CaseOutcome outcome, ObjectNode payload, String text) {
    long now = clock.millis();
    try {
      store.appendLog(List.of(new LogEntry(now, Direction.SYSTEM, key, SOURCE, payload)));
      store.appendContext(
          List.of(new ContextEntry(now, "system", text, key + "#" + outcome.wire())));
    } catch (UncheckedIOException e) {
      throw new DeploymentStateException(
          "cannot write the deployment channel store " + store.dir() + ": " + e.getMessage(), e);
    }
  }

  /** {@code MEMORY.md}: the blueprint's rollouts as one bullet each (no timestamps). */
  private static void writeMemory(ChannelStore store, String blueprint, DeploymentState state) {
    StringBuilder md =
        new StringBuilder("# Tau Deployment Snapshot (").append(blueprint).append(")\n\n");
    for (RolloutRecord r : state.rollouts()) {
      if (!r.blueprintId().equals(blueprint)) {
        continue;
      }
      md.append("- ")
          .append(r.caseId())
          .append(": target=")
          .append(r.deployTarget())
          .append(" runtime=")
          .append(r.runtimeProfile())
          .append(" environment=")
          .append(r.environment())
          .append(" region=")
          .append(r.region())
          .append(" artifact=")
          .append(r.artifact())
          .append(" replicas=")
          .append(r.replicas())
          .append(" strategy=")
          .append(r.rolloutStrategy())
          .append(" status=")
          .append(r.statusCode())
          .append('\n');
    }
    Path file = store.dir().resolve("MEMORY.md");
    try {
      AtomicFiles.write(file, md.toString());
    } catch (IOException e) {
      throw new DeploymentStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String lower(String value) {
    return value.strip().toLowerCase(java.util.Locale.ROOT);
  }
}
