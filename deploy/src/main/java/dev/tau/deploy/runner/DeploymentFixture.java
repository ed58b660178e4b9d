package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A deployment contract fixture (tau-spec §4.2): header and cases, validated when loaded so a bad
 * fixture stops the runner before any state is touched.
 */
public record DeploymentFixture(
    int schemaVersion, String name, String description, List<DeploymentCase> cases) {

  public static final int SCHEMA_VERSION = 1;

  /** Largest fixture read (a fixture is a few KB; this bounds a wrong path to a huge file). */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  public DeploymentFixture {
    cases = List.copyOf(cases);
  }

  /**
   * Reads and validates a fixture file.
   *
   * @throws FixtureException naming the file and the problem
   */
  public static DeploymentFixture load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new FixtureException(
          "deployment fixture " + file + " does not exist or is not a file (--deployment-fixture)");
    }
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new FixtureException(
            "deployment fixture " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new FixtureException("cannot read deployment fixture " + file + ": " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (FixtureException e) {
      throw new FixtureException("invalid deployment fixture " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses and validates fixture text.
   *
   * @throws FixtureException naming the case and field at fault
   */
  public static DeploymentFixture parse(String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new FixtureException("failed to parse deployment contract fixture: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FixtureException("fixture must be a JSON object");
    }
    int schema = (int) whole(root, "schema_version", -1, "fixture");
    if (schema != SCHEMA_VERSION) {
      throw new FixtureException(
          "unsupported deployment contract schema version "
              + schema
              + " (expected "
              + SCHEMA_VERSION
              + ")");
    }
    String name = text(root, "name", "", "fixture");
    if (name.isBlank()) {
      throw new FixtureException("fixture name cannot be empty");
    }
    String description = text(root, "description", "", "fixture");
    JsonNode rawCases = root.path("cases");
    if (!rawCases.isMissingNode() && !rawCases.isArray()) {
      throw new FixtureException("fixture cases must be an array");
    }
    if (rawCases.isEmpty()) {
      throw new FixtureException("fixture must include at least one case");
    }
    List<DeploymentCase> cases = new ArrayList<>();
    for (int i = 0; i < rawCases.size(); i++) {
      cases.add(readCase(rawCases.get(i), i));
    }
    Set<String> ids = new HashSet<>();
    for (DeploymentCase c : cases) {
      if (!ids.add(c.caseId().strip())) {
        throw new FixtureException(
            "fixture contains duplicate case_id '" + c.caseId().strip() + "'");
      }
    }
    cases.forEach(DeploymentFixture::checkCompatibility);
    return new DeploymentFixture(schema, name, description, cases);
  }

  private static DeploymentCase readCase(JsonNode node, int index) {
    String where = "fixture case index " + index;
    if (!node.isObject()) {
      throw new FixtureException(where + " must be an object");
    }
    int schema = (int) whole(node, "schema_version", SCHEMA_VERSION, where);
    if (schema != SCHEMA_VERSION) {
      throw new FixtureException(
          where + " has unsupported schema_version " + schema + " (expected 1)");
    }
    String caseId = text(node, "case_id", "", where);
    if (caseId.isBlank()) {
      throw new FixtureException(where + " has empty case_id");
    }
    return readCase(node, caseId, "fixture case '" + caseId.strip() + "'");
  }

  private static DeploymentCase readCase(JsonNode node, String caseId, String where) {
    int schema = SCHEMA_VERSION;
    String target = required(node, "deploy_target", where);
    String runtime = required(node, "runtime_profile", where);
    String blueprint = required(node, "blueprint_id", where);
    String environment = required(node, "environment", where);
    String region = required(node, "region", where);
    long replicas = whole(node, "replicas", 1, where);
    if (replicas <= 0 || replicas > 65_535) {
      throw new FixtureException(where + " has replicas=" + replicas + " (expected 1..65535)");
    }
    JsonNode simulate = node.get("simulate_retryable_failure");
    if (simulate != null && !simulate.isNull() && !simulate.isBoolean()) {
      throw new FixtureException(where + " simulate_retryable_failure must be true or false");
    }
    boolean simulated = simulate != null && simulate.asBoolean(false);
    JsonNode exp = node.path("expected");
    if (!exp.isObject()) {
      throw new FixtureException(where + " is missing its expected object");
    }
    String outcomeText = text(exp, "outcome", "", where + " expected");
    CaseOutcome outcome =
        CaseOutcome.parse(outcomeText)
            .orElseThrow(
                () ->
                    new FixtureException(
                        where
                            + " uses unsupported outcome '"
                            + outcomeText
                            + "' (expected success, malformed_input or retryable_failure)"));
    long status = whole(exp, "status_code", -1, where + " expected");
    if (status < 0 || status > 999) {
      throw new FixtureException(where + " expected.status_code must be an HTTP status");
    }
    String errorCode = text(exp, "error_code", "", where + " expected");
    JsonNode body = exp.has("response_body") ? exp.get("response_body") : NullNode.getInstance();
    DeploymentCase c =
        new DeploymentCase(
            schema,
            caseId,
            target,
            runtime,
            blueprint,
            environment,
            region,
            text(node, "container_image", "", where),
            text(node, "wasm_module", "", where),
            text(node, "wasm_manifest", "", where),
            replicas,
            simulated,
            new DeploymentCase.Expected(outcome, (int) status, errorCode, body));
    checkExpectation(c, where);
    return c;
  }

  private static void checkExpectation(DeploymentCase c, String where) {
    CaseOutcome outcome = c.expected().outcome();
    if (c.simulateRetryableFailure() && outcome != CaseOutcome.RETRYABLE_FAILURE) {
      throw new FixtureException(
          where
              + " sets simulate_retryable_failure=true but expected outcome is "
              + outcome.wire());
    }
    if (outcome == CaseOutcome.RETRYABLE_FAILURE && !c.simulateRetryableFailure()) {
      throw new FixtureException(
          where + " expects retryable_failure but simulate_retryable_failure=false");
    }
    if (!c.expected().responseBody().isObject()) {
      throw new FixtureException(where + " expected.response_body must be an object");
    }
    String code = c.expected().errorCode().strip();
    int status = c.expected().statusCode();
    if (outcome == CaseOutcome.SUCCESS) {
      if (!code.isEmpty()) {
        throw new FixtureException(where + " success outcome must not include error_code");
      }
      if (status < 200 || status > 299) {
        throw new FixtureException(
            where + " success outcome requires 2xx status_code (found " + status + ")");
      }
      return;
    }
    if (code.isEmpty()) {
      throw new FixtureException(where + " " + outcome.wire() + " outcome requires error_code");
    }
    if (DeploymentErrorCode.parse(code).isEmpty()) {
      throw new FixtureException(where + " uses unsupported error_code '" + code + "'");
    }
    if (status < 400) {
      throw new FixtureException(
          where + " non-success outcome requires >=400 status_code (found " + status + ")");
    }
  }

  /** Target, runtime and environment compatibility; malformed-input cases may break it. */
  private static void checkCompatibility(DeploymentCase c) {
    if (c.expected().outcome() == CaseOutcome.MALFORMED_INPUT) {
      return;
    }
    String where = "fixture case '" + c.caseId().strip() + "'";
    DeployTarget target =
        DeployTarget.parse(c.deployTarget())
            .orElseThrow(
                () ->
                    new FixtureException(
                        where + " uses unsupported deploy_target '" + c.deployTarget() + "'"));
    CaseRuntimeProfile runtime =
        CaseRuntimeProfile.parse(c.runtimeProfile())
            .orElseThrow(
                () ->
                    new FixtureException(
                        where + " uses unsupported runtime_profile '" + c.runtimeProfile() + "'"));
    if (DeployEnvironment.parse(c.environment()).isEmpty()) {
      throw new FixtureException(where + " uses unsupported environment '" + c.environment() + "'");
    }
    if (!runtime.runsOn(target)) {
      throw new FixtureException(
          where
              + " uses unsupported runtime '"
              + c.runtimeProfile()
              + "' for deploy_target '"
              + c.deployTarget()
              + "'");
    }
    if (target == DeployTarget.WASM && c.wasmModule().isBlank() && c.wasmManifest().isBlank()) {
      throw new FixtureException(
          where + " deploy_target=wasm requires wasm_module or wasm_manifest");
    }
    if (target != DeployTarget.WASM && c.containerImage().isBlank()) {
      throw new FixtureException(
          where + " deploy_target='" + c.deployTarget() + "' requires container_image");
    }
  }

  private static String required(JsonNode node, String field, String where) {
    String value = text(node, field, "", where);
    if (value.isBlank()) {
      throw new FixtureException(where + " has empty " + field);
    }
    return value;
  }

  private static String text(JsonNode node, String field, String fallback, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isString()) {
      throw new FixtureException(where + " field " + field + " must be a string");
    }
    return value.asString();
  }

  private static long whole(JsonNode node, String field, long fallback, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new FixtureException(where + " field " + field + " must be a whole number");
    }
    return value.asLong();
  }
}
