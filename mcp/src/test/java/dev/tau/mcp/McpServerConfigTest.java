package dev.tau.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpServerConfigTest {
  @Test
  void needsExactlyOneOfCommandAndUrl() {
    assertThatThrownBy(
            () -> new McpServerConfig("x", null, null, null, null, true, null, null, null, null))
        .hasMessage(
            "[mcp.servers.x] needs exactly one of 'command' (stdio) or 'url' (Streamable HTTP)");
    assertThatThrownBy(
            () ->
                new McpServerConfig(
                    "x",
                    "srv",
                    null,
                    null,
                    URI.create("http://h/mcp"),
                    true,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("exactly one of");
  }

  @Test
  void rejectsNamesThatCannotBePartOfToolNames() {
    assertThatThrownBy(() -> McpServerConfig.stdio("has space", "srv", List.of()))
        .hasMessageContaining("must be 1-32 letters");
  }

  @Test
  void rejectsNonHttpUrlsAndTokensInPlaceOfVariableNames() {
    assertThatThrownBy(() -> McpServerConfig.http("x", URI.create("file:///tmp/sock")))
        .hasMessage("[mcp.servers.x] 'url' must be an http:// or https:// URL");
    assertThatThrownBy(
            () ->
                new McpServerConfig(
                    "x",
                    null,
                    null,
                    null,
                    URI.create("https://h/mcp"),
                    true,
                    null,
                    null,
                    "sk-abc 123",
                    null))
        .hasMessageContaining("must name an environment variable")
        .hasMessageNotContaining("sk-abc");
  }

  @Test
  void toStringAndTargetNeverShowEnvValuesOrUrlCredentials() {
    McpServerConfig stdio =
        new McpServerConfig(
            "docs",
            "docs-mcp",
            List.of("--root", "."),
            Map.of("DOCS_TOKEN", "secret-value"),
            null,
            true,
            null,
            null,
            null,
            null);
    assertThat(stdio.toString()).doesNotContain("secret-value");
    assertThat(stdio.target()).isEqualTo("docs-mcp --root .");
    McpServerConfig http =
        McpServerConfig.http("ops", URI.create("https://user:pw@mcp.example.test/ops?token=abc"));
    assertThat(http.target()).doesNotContain("pw").doesNotContain("abc");
  }
}
