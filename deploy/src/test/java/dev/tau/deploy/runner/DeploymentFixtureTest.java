package dev.tau.deploy.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeploymentFixtureTest {
  private static final String OK_CASE =
      """
      {"case_id": "%s", "deploy_target": "container", "runtime_profile": "native",
       "blueprint_id": "bp", "environment": "staging", "region": "iad",
       "container_image": "img", %s
       "expected": {"outcome": "success", "status_code": 202, "response_body": {}}}
      """;

  private static String fixture(String... cases) {
    return "{\"schema_version\": 1, \"name\": \"t\", \"cases\": [" + String.join(",", cases) + "]}";
  }

  @Test
  void theShippedFixturesLoadOrAreRefusedAsTheirReadmeSays() {
    DeploymentFixture mixed = DeploymentFixture.load(Cases.TESTDATA.resolve("mixed-outcomes.json"));
    assertThat(mixed.name()).isEqualTo("deployment-mixed-outcomes");
    assertThat(mixed.cases())
        .extracting(c -> c.expected().outcome())
        .containsExactly(
            CaseOutcome.SUCCESS, CaseOutcome.MALFORMED_INPUT, CaseOutcome.RETRYABLE_FAILURE);
    assertThat(mixed.cases().get(2).simulateRetryableFailure()).isTrue();
    assertThat(mixed.cases().getFirst().replicas()).isEqualTo(2);
    assertThat(DeploymentFixture.load(Cases.TESTDATA.resolve("rollout-pass.json")).cases())
        .hasSize(3);
    assertThatThrownBy(
            () -> DeploymentFixture.load(Cases.TESTDATA.resolve("invalid-duplicate-case-id.json")))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining("fixture contains duplicate case_id 'deployment-container-staging'");
    assertThatThrownBy(
            () -> DeploymentFixture.load(Cases.TESTDATA.resolve("invalid-error-code.json")))
        .hasMessageContaining("uses unsupported error_code 'deployment_environment_frozen'");
  }

  @Test
  void everyEvaluatedCaseOfTheShippedFixturesMatchesItsExpectation() {
    CaseEvaluator evaluator = new CaseEvaluator(Cases.NO_MANIFESTS, Path.of("."));
    for (String name : new String[] {"mixed-outcomes.json", "rollout-pass.json"}) {
      for (DeploymentCase c : DeploymentFixture.load(Cases.TESTDATA.resolve(name)).cases()) {
        evaluator.evaluate(c).requireMatches(c);
      }
    }
  }

  @Test
  void headerRulesAreEnforced() {
    assertThatThrownBy(() -> DeploymentFixture.parse("{\"schema_version\": 2, \"name\": \"t\"}"))
        .hasMessage("unsupported deployment contract schema version 2 (expected 1)");
    assertThatThrownBy(() -> DeploymentFixture.parse(fixture().replace("\"t\"", "\" \"")))
        .hasMessage("fixture name cannot be empty");
    assertThatThrownBy(() -> DeploymentFixture.parse(fixture()))
        .hasMessage("fixture must include at least one case");
    assertThatThrownBy(() -> DeploymentFixture.parse("[1]"))
        .hasMessage("fixture must be a JSON object");
    assertThatThrownBy(() -> DeploymentFixture.parse("{"))
        .hasMessageStartingWith("failed to parse deployment contract fixture: invalid JSON");
    assertThatThrownBy(() -> DeploymentFixture.load(Path.of("no/such/fixture.json")))
        .hasMessageContaining("does not exist or is not a file");
  }

  @Test
  void caseRulesNameTheCaseAndTheField() {
    assertThatThrownBy(() -> DeploymentFixture.parse(fixture(OK_CASE.formatted(" ", ""))))
        .hasMessage("fixture case index 0 has empty case_id");
    assertThatThrownBy(
            () -> DeploymentFixture.parse(fixture(OK_CASE.formatted("a", "\"replicas\": 0,"))))
        .hasMessage("fixture case 'a' has replicas=0 (expected 1..65535)");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(OK_CASE.formatted("a", "\"simulate_retryable_failure\": true,"))))
        .hasMessage(
            "fixture case 'a' sets simulate_retryable_failure=true but expected outcome is success");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(
                        OK_CASE
                            .formatted("a", "")
                            .replace("\"status_code\": 202", "\"status_code\": 500"))))
        .hasMessage("fixture case 'a' success outcome requires 2xx status_code (found 500)");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(
                        OK_CASE
                            .formatted("a", "")
                            .replace("\"response_body\": {}", "\"response_body\": []"))))
        .hasMessage("fixture case 'a' expected.response_body must be an object");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(OK_CASE.formatted("a", "").replace("\"img\"", "\"\""))))
        .hasMessage("fixture case 'a' deploy_target='container' requires container_image");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(OK_CASE.formatted("a", "").replace("\"staging\"", "\"qa\""))))
        .hasMessage("fixture case 'a' uses unsupported environment 'qa'");
    assertThatThrownBy(
            () ->
                DeploymentFixture.parse(
                    fixture(
                        OK_CASE
                            .formatted("a", "")
                            .replace("\"region\": \"iad\"", "\"region\": 7"))))
        .hasMessage("fixture case 'a' field region must be a string");
  }

  @Test
  void malformedInputCasesMayBreakTheCompatibilityRules() {
    String malformed =
        """
        {"case_id": "m", "deploy_target": "mainframe", "runtime_profile": "cobol",
         "blueprint_id": "bp", "environment": "qa", "region": "iad",
         "expected": {"outcome": "malformed_input", "status_code": 400,
           "error_code": "deployment_invalid_blueprint",
           "response_body": {"status": "rejected", "reason": "unsupported_target"}}}
        """;
    DeploymentFixture f = DeploymentFixture.parse(fixture(malformed));
    assertThat(f.cases().getFirst().deployTarget()).isEqualTo("mainframe");
    assertThat(f.cases().getFirst().replicas()).isEqualTo(1);
    assertThat(f.cases().getFirst().key()).isEqualTo("mainframe:cobol:qa:bp:m");
  }
}
