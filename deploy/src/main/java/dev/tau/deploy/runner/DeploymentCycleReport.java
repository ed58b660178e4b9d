package dev.tau.deploy.runner;

import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one contract runner cycle did (tau-spec §4.4, §4.6): its counters, the health it left, the
 * {@code runtime-events.jsonl} line and the two stdout lines.
 *
 * @param discovered cases in the fixture
 * @param queued cases the cycle looked at: the duplicates it skipped plus the new cases it took (at
 *     most the queue limit); {@code discovered - queued} new cases wait for the next cycle
 * @param applied successful cases
 * @param failed retryable cases whose attempts ran out (not marked processed)
 */
public record DeploymentCycleReport(
    long timestampUnixMs,
    long discovered,
    long queued,
    long applied,
    long duplicateSkips,
    long malformed,
    long retryableFailures,
    long retryAttempts,
    long failed,
    long upsertedRollouts,
    long wasmRollouts,
    long cloudRollouts,
    TransportHealth health) {

  /** New cases left for a later cycle by the queue limit. */
  public long backlog() {
    return discovered - queued;
  }

  /** The cycle's reason codes in the spec's order; {@code healthy_cycle} when none applies. */
  public List<DeploymentReasonCode> reasonCodes() {
    List<DeploymentReasonCode> codes = new ArrayList<>();
    if (backlog() > 0) {
      codes.add(DeploymentReasonCode.QUEUE_BACKPRESSURE_APPLIED);
    }
    if (duplicateSkips > 0) {
      codes.add(DeploymentReasonCode.DUPLICATE_CASES_SKIPPED);
    }
    if (malformed > 0) {
      codes.add(DeploymentReasonCode.MALFORMED_INPUTS_OBSERVED);
    }
    if (retryAttempts > 0) {
      codes.add(DeploymentReasonCode.RETRY_ATTEMPTED);
    }
    if (retryableFailures > 0) {
      codes.add(DeploymentReasonCode.RETRYABLE_FAILURES_OBSERVED);
    }
    if (failed > 0) {
      codes.add(DeploymentReasonCode.CASE_PROCESSING_FAILED);
    }
    if (wasmRollouts > 0) {
      codes.add(DeploymentReasonCode.WASM_ROLLOUT_APPLIED);
    }
    if (cloudRollouts > 0) {
      codes.add(DeploymentReasonCode.CLOUD_ROLLOUT_APPLIED);
    }
    if (codes.isEmpty()) {
      codes.add(DeploymentReasonCode.HEALTHY_CYCLE);
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
    node.put("discovered_cases", discovered);
    node.put("queued_cases", queued);
    node.put("applied_cases", applied);
    node.put("duplicate_skips", duplicateSkips);
    node.put("malformed_cases", malformed);
    node.put("retryable_failures", retryableFailures);
    node.put("retry_attempts", retryAttempts);
    node.put("failed_cases", failed);
    node.put("upserted_rollouts", upsertedRollouts);
    node.put("wasm_rollouts", wasmRollouts);
    node.put("cloud_rollouts", cloudRollouts);
    node.put("backlog_cases", backlog());
    node.put("failure_streak", health.failureStreak());
    return node;
  }

  public String summaryLine() {
    return "deployment runner summary: discovered="
        + discovered
        + " queued="
        + queued
        + " applied="
        + applied
        + " duplicate_skips="
        + duplicateSkips
        + " malformed="
        + malformed
        + " retryable_failures="
        + retryableFailures
        + " retries="
        + retryAttempts
        + " failed="
        + failed
        + " upserted_rollouts="
        + upsertedRollouts
        + " wasm_rollouts="
        + wasmRollouts
        + " cloud_rollouts="
        + cloudRollouts;
  }

  public String healthLine() {
    TransportHealth.Classification c = health.classify();
    return "deployment runner health: state="
        + c.state().wire()
        + " failure_streak="
        + health.failureStreak()
        + " queue_depth="
        + health.queueDepth()
        + " reason="
        + c.reason();
  }
}
