package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What applying one case observed (tau-spec §4.3): outcome, HTTP-like status, error code (absent on
 * success) and response body.
 */
public record CaseResult(
    CaseOutcome outcome,
    int statusCode,
    Optional<DeploymentErrorCode> errorCode,
    ObjectNode responseBody) {

  public CaseResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(responseBody, "responseBody");
  }

  /** Compares numbers by value (2 equals 2L equals 2.0); everything else by equality. */
  private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static CaseResult rejected(int status, DeploymentErrorCode code, RejectReason reason) {
    ObjectNode body = Json.object();
    body.put("status", "rejected");
    body.put("reason", reason.wire());
    return new CaseResult(CaseOutcome.MALFORMED_INPUT, status, Optional.of(code), body);
  }

  static CaseResult retryable() {
    ObjectNode body = Json.object();
    body.put("status", "retryable");
    body.put("reason", RejectReason.CONTROL_PLANE_UNAVAILABLE.wire());
    return new CaseResult(
        CaseOutcome.RETRYABLE_FAILURE,
        503,
        Optional.of(DeploymentErrorCode.DEPLOYMENT_BACKEND_UNAVAILABLE),
        body);
  }

  /** The error code's wire name, or "". */
  public String errorCodeWire() {
    return errorCode.map(DeploymentErrorCode::wire).orElse("");
  }

  /**
   * Checks the result against the case's expectation (outcome, status, error code, exact body).
   *
   * @throws FixtureException {@code case '<id>' expected … but observed …}
   */
  public void requireMatches(DeploymentCase c) {
    String id = "case '" + c.caseId().strip() + "'";
    DeploymentCase.Expected e = c.expected();
    if (outcome != e.outcome()) {
      throw new FixtureException(
          id + " expected outcome " + e.outcome().wire() + " but observed " + outcome.wire());
    }
    if (statusCode != e.statusCode()) {
      throw new FixtureException(
          id + " expected status_code " + e.statusCode() + " but observed " + statusCode);
    }
    if (!e.errorCode().strip().equals(errorCodeWire())) {
      throw new FixtureException(
          id
              + " expected error_code '"
              + e.errorCode().strip()
              + "' but observed '"
              + errorCodeWire()
              + "'");
    }
    if (!e.responseBody().equals(NUMBERS_BY_VALUE, responseBody)) {
      throw new FixtureException(
          id
              + " expected response_body "
              + Json.write(e.responseBody())
              + " but observed "
              + Json.write(responseBody));
    }
  }
}
