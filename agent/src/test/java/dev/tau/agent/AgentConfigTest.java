package dev.tau.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.agent.tools.CodingTools;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  @Test
  void defaultsAreSixteenTurnsSixtyFourToolCallsAndStreaming() {
    AgentConfig config = AgentConfig.of("gpt-4o-mini");

    assertThat(config.maxTurns()).isEqualTo(16);
    assertThat(config.maxToolCalls()).isEqualTo(64);
    assertThat(config.streaming()).isTrue();
    assertThat(config.parallelToolCalls()).isFalse();
    assertThat(config.instructions()).isEmpty();
    assertThat(config.temperature()).isEmpty();
    assertThat(config.maxOutputTokens()).isEmpty();
  }

  @Test
  void badSettingsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> AgentConfig.builder(" ").build()).hasMessageContaining("model");
    assertThatThrownBy(() -> AgentConfig.builder("m").maxTurns(0).build())
        .hasMessageContaining("maxTurns");
    assertThatThrownBy(() -> AgentConfig.builder("m").maxToolCalls(-1).build())
        .hasMessageContaining("maxToolCalls");
    assertThatThrownBy(() -> AgentConfig.builder("m").temperature(3).build())
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> AgentConfig.builder("m").maxOutputTokens(0).build())
        .hasMessageContaining("maxOutputTokens");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    AgentConfig config =
        AgentConfig.builder("m")
            .instructions("be brief")
            .maxTurns(3)
            .maxToolCalls(5)
            .streaming(false)
            .parallelToolCalls(true)
            .temperature(0.5)
            .maxOutputTokens(100)
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void registryRejectsASecondToolWithTheSameName() {
    ToolRegistry tools = CodingTools.all();

    assertThat(tools.names())
        .containsExactly("read", "write", "edit", "bash", "ls", "glob", "grep");
    assertThatThrownBy(
            () ->
                tools.plus(
                    CodingTools.readOnly(dev.tau.agent.tools.CodingToolsConfig.DEFAULTS).tools()))
        .hasMessage("tool name 'read' is already registered; tool names must be unique");
  }
}
