package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One case of a deployment contract fixture (tau-spec §4.2), as written: values are not trimmed or
 * checked here (the fixture loader validates, the evaluator normalises).
 */
public record DeploymentCase(
    int schemaVersion,
    String caseId,
    String deployTarget,
    String runtimeProfile,
    String blueprintId,
    String environment,
    String region,
    String containerImage,
    String wasmModule,
    String wasmManifest,
    long replicas,
    boolean simulateRetryableFailure,
    Expected expected) {

  /**
   * What the case must come to.
   *
   * @param errorCode "" for none
   * @param responseBody the exact expected body (JSON null when the fixture gave none)
   */
  public record Expected(
      CaseOutcome outcome, int statusCode, String errorCode, JsonNode responseBody) {
    public Expected {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(responseBody, "responseBody");
    }
  }

  public DeploymentCase {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(deployTarget, "deployTarget");
    Objects.requireNonNull(runtimeProfile, "runtimeProfile");
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(containerImage, "containerImage");
    Objects.requireNonNull(wasmModule, "wasmModule");
    Objects.requireNonNull(wasmManifest, "wasmManifest");
    Objects.requireNonNull(expected, "expected");
  }

  /**
   * The case key the runner dedupes on (tau-spec §4.4): {@code
   * target:runtime:environment:blueprint:case_id}, each part trimmed and lowercased but the case id
   * trimmed only.
   */
  public String key() {
    return lower(deployTarget)
        + ":"
        + lower(runtimeProfile)
        + ":"
        + lower(environment)
        + ":"
        + lower(blueprintId)
        + ":"
        + caseId.strip();
  }

  private static String lower(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
