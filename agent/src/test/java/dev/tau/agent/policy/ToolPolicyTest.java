package dev.tau.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolPolicyTest {
  static Tool tool(String name, boolean mcp) {
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return new ToolDefinition(name, "test tool", Json.object());
      }

      @Override
      public boolean isMcp() {
        return mcp;
      }

      @Override
      public ToolResult execute(JsonNode arguments, ToolContext context) {
        return ToolResult.ok("ran");
      }
    };
  }

  @Test
  void emptyAllowListAllowsEveryTool() {
    ToolPolicy policy = ToolPolicy.allowAll();
    assertThat(policy.decide(tool("bash", false))).isEqualTo(PolicyDecision.ALLOWED);
    assertThat(policy.permits("anything")).isTrue();
  }

  @Test
  void denyWinsOverAllow() {
    ToolPolicy policy = ToolPolicy.builder().allow("*").deny("bash").build();

    assertThat(policy.decide(tool("bash", false)))
        .isEqualTo(
            new PolicyDecision.Denied(
                "tool 'bash' is denied by the tool policy (deny pattern 'bash')"));
    assertThat(policy.permits("read")).isTrue();
  }

  @Test
  void denyPatternsUseStarGlobs() {
    ToolPolicy policy = ToolPolicy.builder().deny("mcp_*", "*_delete").build();

    assertThat(policy.permits("mcp_github_search")).isFalse();
    assertThat(policy.permits("memory_delete")).isFalse();
    assertThat(policy.permits("read")).isTrue();
  }

  @Test
  void allowListRefusesToolsNotOnIt() {
    ToolPolicy policy = ToolPolicy.builder().allow("read", "l*").build();

    assertThat(policy.decide(tool("ls", false))).isEqualTo(PolicyDecision.ALLOWED);
    assertThat(policy.decide(tool("write", false)))
        .isEqualTo(
            new PolicyDecision.Denied(
                "tool 'write' is not in the tool policy's allow list (read, l*)"));
  }

  @Test
  void alwaysModeNeedsConfirmationUnlessOnTheApproveList() {
    ToolPolicy policy =
        ToolPolicy.builder().confirmation(ConfirmationMode.ALWAYS).approve("read").build();

    assertThat(policy.decide(tool("write", false)))
        .isEqualTo(new PolicyDecision.NeedsConfirmation(ConfirmationMode.ALWAYS));
    assertThat(policy.decide(tool("read", false))).isEqualTo(PolicyDecision.ALLOWED);
  }

  @Test
  void requireConfirmAsksInEveryModeAndWinsOverApprove() {
    ToolPolicy never =
        ToolPolicy.builder().confirmation(ConfirmationMode.NEVER).requireConfirm("bash").build();
    assertThat(never.decide(tool("bash", false)))
        .isInstanceOf(PolicyDecision.NeedsConfirmation.class);
    assertThat(never.decide(tool("read", false))).isEqualTo(PolicyDecision.ALLOWED);

    ToolPolicy both =
        ToolPolicy.builder()
            .confirmation(ConfirmationMode.ALWAYS)
            .approve("b*")
            .requireConfirm("bash")
            .build();
    assertThat(both.decide(tool("bash", false)))
        .isInstanceOf(PolicyDecision.NeedsConfirmation.class);
    assertThat(both.decide(tool("blob", false))).isEqualTo(PolicyDecision.ALLOWED);
  }

  @Test
  void mcpOnlyModeAsksOnlyForMcpTools() {
    ToolPolicy policy = ToolPolicy.builder().confirmation(ConfirmationMode.MCP_ONLY).build();

    assertThat(policy.decide(tool("bash", false))).isEqualTo(PolicyDecision.ALLOWED);
    assertThat(policy.decide(tool("github_search", true)))
        .isEqualTo(new PolicyDecision.NeedsConfirmation(ConfirmationMode.MCP_ONLY));
  }

  @Test
  void deniedToolIsDeniedEvenWhenApproved() {
    ToolPolicy policy = ToolPolicy.builder().deny("bash").approve("bash").build();
    assertThat(policy.decide(tool("bash", false))).isInstanceOf(PolicyDecision.Denied.class);
  }

  @Test
  void confirmationModeUsesItsWireNames() {
    assertThat(ConfirmationMode.fromWire("never")).isEqualTo(ConfirmationMode.NEVER);
    assertThat(ConfirmationMode.fromWire("mcp-only")).isEqualTo(ConfirmationMode.MCP_ONLY);
    assertThat(ConfirmationMode.fromWire("ALWAYS")).isEqualTo(ConfirmationMode.ALWAYS);
    assertThat(ConfirmationMode.MCP_ONLY.wire()).isEqualTo("mcp-only");
    assertThatThrownBy(() -> ConfirmationMode.fromWire("sometimes"))
        .hasMessage("tool confirmation mode 'sometimes' is not one of never, mcp-only, always");
  }

  @Test
  void invalidPatternIsRejectedNamingIt() {
    assertThatThrownBy(() -> ToolPolicy.builder().deny("rm -rf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'rm -rf'");
  }

  @Test
  void starMatchesAnyRunOfCharacters() {
    assertThat(new ToolPattern("*").matches("")).isTrue();
    assertThat(new ToolPattern("a*b*c").matches("axxbyyc")).isTrue();
    assertThat(new ToolPattern("a*b*c").matches("axxbyy")).isFalse();
    assertThat(new ToolPattern("read").matches("reader")).isFalse();
  }
}
