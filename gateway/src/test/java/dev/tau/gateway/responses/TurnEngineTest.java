package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.policy.ConfirmationMode;
import dev.tau.agent.policy.PolicyDecision;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.core.json.Json;
import dev.tau.core.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnEngineTest {
  static final ClientFunction F =
      new ClientFunction(new ToolDefinition("f", "", Json.object().put("type", "object")));

  @Test
  void clientFunctionsPassTheAllowListAndNeedNoConfirmation() {
    ToolPolicy operator =
        ToolPolicy.builder().allow("read").confirmation(ConfirmationMode.ALWAYS).build();

    ToolPolicy policy = TurnEngine.withClientFunctions(operator, List.of("f"));

    assertThat(policy.permits("f")).isTrue();
    assertThat(policy.decide(F.tool())).isEqualTo(PolicyDecision.ALLOWED);
    assertThat(policy.permits("bash")).isFalse();
  }

  @Test
  void anEmptyAllowListStaysEmptySoGatewayToolsAreNotNarrowed() {
    ToolPolicy policy = TurnEngine.withClientFunctions(ToolPolicy.allowAll(), List.of("f"));

    assertThat(policy.allow()).isEmpty();
    assertThat(policy.permits("bash")).isTrue();
  }

  @Test
  void aDenyPatternStillRefusesAClientFunction() {
    ToolPolicy policy =
        TurnEngine.withClientFunctions(ToolPolicy.builder().deny("f*").build(), List.of("f"));

    assertThat(policy.permits("f")).isFalse();
  }
}
