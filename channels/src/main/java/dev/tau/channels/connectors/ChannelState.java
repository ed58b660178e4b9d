package dev.tau.channels.connectors;

import dev.tau.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connector channel's counters, breaker and liveness (an entry of {@code channels} in the
 * connector state file, tau-spec §5.14). Mutable; the runtime guards it with its state lock.
 *
 * <p>Breaker: the retry budget holds {@code max(1, retry attempts)} failed polls; every poll that
 * fails with a retryable error spends one. The breaker opens when such a failure arrives while the
 * channel is half-open, or when the consecutive failures reach {@code max(budget, 2)} with the
 * budget spent; it stays open for {@code max(4 × base delay, 1000 ms)}, then the next poll probes
 * it (half-open, budget 1). A success closes it and refills the budget.
 */
final class ChannelState {
  private final BreakerPolicy policy;
  IngressMode mode;
  long eventsIngested;
  long duplicatesSkipped;
  long eventsIgnored;
  long retryAttempts;
  long authFailures;
  long parseFailures;
  long providerFailures;
  long consecutiveFailures;
  long retryBudgetRemaining;
  BreakerState breakerState;
  long breakerOpenUntilUnixMs;
  String breakerLastOpenReason = "";
  long breakerOpenCount;
  String lastErrorCode = "";
  String lastErrorMessage = "";
  long lastSuccessUnixMs;
  long lastErrorUnixMs;

  /** Budget and cool-down derived from the retry settings. */
  record BreakerPolicy(int budgetMax, long failureThreshold, long cooldownMs) {
    static BreakerPolicy of(int retryMaxAttempts, long retryBaseDelayMs) {
      int budget = Math.max(1, retryMaxAttempts);
      return new BreakerPolicy(budget, Math.max(budget, 2), Math.max(4 * retryBaseDelayMs, 1000));
    }
  }

  ChannelState(IngressMode mode, BreakerPolicy policy) {
    this.policy = policy;
    this.mode = mode;
    this.retryBudgetRemaining = policy.budgetMax();
    this.breakerState = mode == IngressMode.DISABLED ? BreakerState.DISABLED : BreakerState.CLOSED;
  }

  /**
   * Re-applies this run's mode and budget to a channel loaded from disk; counters, breaker deadline
   * and timestamps carry over.
   */
  void reinitialise(IngressMode newMode) {
    this.mode = newMode;
    if (newMode == IngressMode.DISABLED) {
      breakerState = BreakerState.DISABLED;
      retryBudgetRemaining = policy.budgetMax();
      return;
    }
    if (breakerState == BreakerState.DISABLED) {
      breakerState = BreakerState.CLOSED;
    }
    if (breakerState == BreakerState.CLOSED) {
      retryBudgetRemaining = Math.min(Math.max(retryBudgetRemaining, 0), policy.budgetMax());
      if (consecutiveFailures == 0) {
        retryBudgetRemaining = policy.budgetMax();
      }
    }
  }

  /**
   * Whether a poll may run now. An open breaker past its deadline turns half-open (budget 1); one
   * before its deadline skips the poll and records {@code circuit_open}.
   */
  boolean admitPoll(long nowMs) {
    if (breakerState != BreakerState.OPEN) {
      return true;
    }
    if (nowMs < breakerOpenUntilUnixMs) {
      lastErrorCode = ConnectorErrorCode.CIRCUIT_OPEN.wire();
      lastErrorMessage = "breaker open until " + breakerOpenUntilUnixMs;
      return false;
    }
    breakerState = BreakerState.HALF_OPEN;
    retryBudgetRemaining = 1;
    return true;
  }

  void recordIngested(long nowMs) {
    eventsIngested++;
    recordSuccess(nowMs);
  }

  void recordDuplicate() {
    duplicatesSkipped++;
  }

  void recordIgnored() {
    eventsIgnored++;
  }

  void recordRetry() {
    retryAttempts++;
  }

  /** A poll or webhook delivery that worked: closes the breaker, refills the budget. */
  void recordSuccess(long nowMs) {
    lastSuccessUnixMs = nowMs;
    consecutiveFailures = 0;
    retryBudgetRemaining = policy.budgetMax();
    if (breakerState != BreakerState.DISABLED) {
      breakerState = BreakerState.CLOSED;
    }
    breakerOpenUntilUnixMs = 0;
  }

  /** Records an error; {@code retryable} ones spend budget and may open the breaker. */
  void recordFailure(ConnectorErrorCode code, String message, boolean retryable, long nowMs) {
    switch (code.counter()) {
      case AUTH -> authFailures++;
      case PARSE -> parseFailures++;
      case PROVIDER -> providerFailures++;
      case NONE -> {}
    }
    consecutiveFailures++;
    lastErrorCode = code.wire();
    lastErrorMessage = message;
    lastErrorUnixMs = nowMs;
    if (!retryable || breakerState == BreakerState.DISABLED) {
      return;
    }
    retryBudgetRemaining = Math.max(0, retryBudgetRemaining - 1);
    boolean exhausted =
        consecutiveFailures >= policy.failureThreshold() && retryBudgetRemaining == 0;
    if (breakerState == BreakerState.HALF_OPEN || exhausted) {
      breakerState = BreakerState.OPEN;
      breakerOpenUntilUnixMs = nowMs + policy.cooldownMs();
      breakerLastOpenReason = code.wire();
      breakerOpenCount++;
    }
  }

  Liveness liveness(long nowMs) {
    if (mode == IngressMode.DISABLED) {
      return Liveness.DISABLED;
    }
    if (breakerState == BreakerState.OPEN) {
      return nowMs < breakerOpenUntilUnixMs ? Liveness.OPEN : Liveness.RECOVERING;
    }
    if (breakerState == BreakerState.HALF_OPEN) {
      return Liveness.RECOVERING;
    }
    if (lastSuccessUnixMs > 0 && lastSuccessUnixMs >= lastErrorUnixMs) {
      return Liveness.HEALTHY;
    }
    if (lastErrorUnixMs > 0) {
      return Liveness.DEGRADED;
    }
    return Liveness.IDLE;
  }

  ObjectNode toJson(long nowMs) {
    ObjectNode node = Json.object();
    node.put("mode", mode.wire());
    node.put("liveness", liveness(nowMs).wire());
    node.put("events_ingested", eventsIngested);
    node.put("duplicates_skipped", duplicatesSkipped);
    node.put("events_ignored", eventsIgnored);
    node.put("retry_attempts", retryAttempts);
    node.put("auth_failures", authFailures);
    node.put("parse_failures", parseFailures);
    node.put("provider_failures", providerFailures);
    node.put("consecutive_failures", consecutiveFailures);
    node.put("retry_budget_remaining", retryBudgetRemaining);
    node.put("breaker_state", breakerState.wire());
    node.put("breaker_open_until_unix_ms", breakerOpenUntilUnixMs);
    node.put("breaker_last_open_reason", breakerLastOpenReason);
    node.put("breaker_open_count", breakerOpenCount);
    node.put("last_error_code", lastErrorCode);
    node.put("last_error_message", lastErrorMessage);
    node.put("last_success_unix_ms", lastSuccessUnixMs);
    node.put("last_error_unix_ms", lastErrorUnixMs);
    return node;
  }

  /** Reads a stored entry; absent fields take their initial values. */
  static ChannelState fromJson(JsonNode node, BreakerPolicy policy) {
    IngressMode mode =
        IngressMode.parse(Json.text(node, "mode", "disabled"))
            .orElseThrow(
                () -> new IllegalArgumentException("mode must be disabled|polling|webhook"));
    ChannelState state = new ChannelState(mode, policy);
    state.eventsIngested = Json.number(node, "events_ingested", 0);
    state.duplicatesSkipped = Json.number(node, "duplicates_skipped", 0);
    state.eventsIgnored = Json.number(node, "events_ignored", 0);
    state.retryAttempts = Json.number(node, "retry_attempts", 0);
    state.authFailures = Json.number(node, "auth_failures", 0);
    state.parseFailures = Json.number(node, "parse_failures", 0);
    state.providerFailures = Json.number(node, "provider_failures", 0);
    state.consecutiveFailures = Json.number(node, "consecutive_failures", 0);
    state.retryBudgetRemaining =
        Json.number(node, "retry_budget_remaining", state.retryBudgetRemaining);
    state.breakerState =
        BreakerState.fromWire(Json.text(node, "breaker_state", state.breakerState.wire()));
    state.breakerOpenUntilUnixMs = Json.number(node, "breaker_open_until_unix_ms", 0);
    state.breakerLastOpenReason = Json.text(node, "breaker_last_open_reason", "");
    state.breakerOpenCount = Json.number(node, "breaker_open_count", 0);
    state.lastErrorCode = Json.text(node, "last_error_code", "");
    state.lastErrorMessage = Json.text(node, "last_error_message", "");
    state.lastSuccessUnixMs = Json.number(node, "last_success_unix_ms", 0);
    state.lastErrorUnixMs = Json.number(node, "last_error_unix_ms", 0);
    return state;
  }
}
