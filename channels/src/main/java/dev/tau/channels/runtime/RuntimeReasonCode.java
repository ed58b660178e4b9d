package dev.tau.channels.runtime;

import java.util.Locale;

/**
 * The cycle reason codes of {@code runtime-events.jsonl} (tau-spec §5.12, the runbook's list), in
 * the order a cycle reports them.
 */
public enum RuntimeReasonCode {
  QUEUE_BACKPRESSURE_APPLIED,
  DUPLICATE_EVENTS_SKIPPED,
  RETRY_ATTEMPTED,
  TRANSIENT_FAILURES_OBSERVED,
  EVENT_PROCESSING_FAILED,
  HEALTHY_CYCLE,
  PAIRING_POLICY_ENFORCED,
  PAIRING_POLICY_PERMISSIVE,
  PAIRING_POLICY_DENIED_EVENTS,
  TELEMETRY_LIFECYCLE_EMITTED,
  TELEMETRY_USAGE_SUMMARY_EMITTED;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }
}
