package dev.tau.deploy.runner;

import java.util.Locale;

/**
 * The cycle reason codes of the deployment {@code runtime-events.jsonl} (tau-spec §4.6, the
 * deployment runbook's list), in the order a cycle reports them.
 */
public enum DeploymentReasonCode {
  QUEUE_BACKPRESSURE_APPLIED,
  DUPLICATE_CASES_SKIPPED,
  MALFORMED_INPUTS_OBSERVED,
  RETRY_ATTEMPTED,
  RETRYABLE_FAILURES_OBSERVED,
  CASE_PROCESSING_FAILED,
  WASM_ROLLOUT_APPLIED,
  CLOUD_ROLLOUT_APPLIED,
  HEALTHY_CYCLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
