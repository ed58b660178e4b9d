package dev.tau.channels.runtime;

import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one runner cycle did (tau-spec §5.5, §5.12): its counters, the health it left, and the cycle
 * line of {@code runtime-events.jsonl}.
 */
public final class CycleReport {
  long discovered;
  long queued;
  long completed;
  long duplicateSkips;
  long transientFailures;
  long retryAttempts;
  long failed;
  long policyChecked;
  long policyEnforced;
  long policyAllowed;
  long policyDenied;
  long backlog;
  long failedFinal;
  boolean inboxRemaining;
  long[] telemetry = new long[6];
  TransportHealth health = TransportHealth.EMPTY;
  long timestampUnixMs;

  public long discovered() {
    return discovered;
  }

  public long queued() {
    return queued;
  }

  public long completed() {
    return completed;
  }

  public long duplicateSkips() {
    return duplicateSkips;
  }

  public long retryAttempts() {
    return retryAttempts;
  }

  public long transientFailures() {
    return transientFailures;
  }

  public long failed() {
    return failed;
  }

  public long policyDenied() {
    return policyDenied;
  }

  public long policyAllowed() {
    return policyAllowed;
  }

  public long backlog() {
    return backlog;
  }

  /** Events of {@link #failed()} that failed for good (acknowledged, never retried). */
  public long failedFinal() {
    return failedFinal;
  }

  /** Whether the inbox has complete lines this cycle did not read (the per-cycle read limit). */
  public boolean inboxRemaining() {
    return inboxRemaining;
  }

  public TransportHealth health() {
    return health;
  }

  /** The cycle's reason codes in the spec's order. */
  public List<RuntimeReasonCode> reasonCodes() {
    List<RuntimeReasonCode> codes = new ArrayList<>();
    if (backlog > 0) {
      codes.add(RuntimeReasonCode.QUEUE_BACKPRESSURE_APPLIED);
    }
    if (duplicateSkips > 0) {
      codes.add(RuntimeReasonCode.DUPLICATE_EVENTS_SKIPPED);
    }
    if (retryAttempts > 0) {
      codes.add(RuntimeReasonCode.RETRY_ATTEMPTED);
    }
    if (transientFailures > 0) {
      codes.add(RuntimeReasonCode.TRANSIENT_FAILURES_OBSERVED);
    }
    if (failed > 0) {
      codes.add(RuntimeReasonCode.EVENT_PROCESSING_FAILED);
    }
    if (codes.isEmpty()) {
      codes.add(RuntimeReasonCode.HEALTHY_CYCLE);
    }
    if (policyEnforced > 0) {
      codes.add(RuntimeReasonCode.PAIRING_POLICY_ENFORCED);
    } else if (policyChecked > 0) {
      codes.add(RuntimeReasonCode.PAIRING_POLICY_PERMISSIVE);
    }
    if (policyDenied > 0) {
      codes.add(RuntimeReasonCode.PAIRING_POLICY_DENIED_EVENTS);
    }
    if (telemetry[0] + telemetry[1] > 0) {
      codes.add(RuntimeReasonCode.TELEMETRY_LIFECYCLE_EMITTED);
    }
    if (telemetry[2] > 0) {
      codes.add(RuntimeReasonCode.TELEMETRY_USAGE_SUMMARY_EMITTED);
    }
    return codes;
  }

  /** The {@code runtime-events.jsonl} line. */
  public ObjectNode toJson() {
    TransportHealth.Classification c = health.classify();
    ObjectNode node = Json.object();
    node.put("timestamp_unix_ms", timestampUnixMs);
    node.put("health_state", c.state().wire());
    node.put("health_reason", c.reason());
    var codes = node.putArray("reason_codes");
    reasonCodes().forEach(code -> codes.add(code.wire()));
    node.put("discovered_events", discovered);
    node.put("queued_events", queued);
    node.put("completed_events", completed);
    node.put("duplicate_skips", duplicateSkips);
    node.put("transient_failures", transientFailures);
    node.put("retry_attempts", retryAttempts);
    node.put("failed_events", failed);
    node.put("failed_final_events", failedFinal);
    node.put("policy_checked_events", policyChecked);
    node.put("policy_enforced_events", policyEnforced);
    node.put("policy_allowed_events", policyAllowed);
    node.put("policy_denied_events", policyDenied);
    node.put("typing_events_emitted", telemetry[0]);
    node.put("presence_events_emitted", telemetry[1]);
    node.put("usage_summary_records", telemetry[2]);
    node.put("usage_response_chars", telemetry[3]);
    node.put("usage_chunks", telemetry[4]);
    node.put("usage_estimated_cost_micros", telemetry[5]);
    node.put("backlog_events", backlog);
    node.put("failure_streak", health.failureStreak());
    return node;
  }

  /** The summary line; {@code live} selects the live runner's prefix. */
  public String summaryLine(boolean live) {
    return (live ? "multi-channel live runner summary:" : "multi-channel runner summary:")
        + " discovered="
        + discovered
        + " queued="
        + queued
        + " completed="
        + completed
        + " duplicate_skips="
        + duplicateSkips
        + " retries="
        + retryAttempts
        + " transient_failures="
        + transientFailures
        + " failed="
        + failed
        + " policy_checked="
        + policyChecked
        + " policy_enforced="
        + policyEnforced
        + " policy_allowed="
        + policyAllowed
        + " policy_denied="
        + policyDenied
        + " typing_events="
        + telemetry[0]
        + " presence_events="
        + telemetry[1]
        + " usage_records="
        + telemetry[2]
        + " usage_chars="
        + telemetry[3]
        + " usage_chunks="
        + telemetry[4]
        + " usage_cost_micros="
        + telemetry[5];
  }

  /** The health line printed after the summary. */
  public String healthLine(boolean live) {
    TransportHealth.Classification c = health.classify();
    return (live ? "multi-channel live runner health:" : "multi-channel runner health:")
        + " state="
        + c.state().wire()
        + " failure_streak="
        + health.failureStreak()
        + " queue_depth="
        + health.queueDepth()
        + " reason="
        + c.reason();
  }
}
