package dev.tau.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.mcp.McpServerConfig;
import dev.tau.mcp.McpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {
  @TempDir Path dir;

  private static final String RUNBOOK_PROFILE =
      """
      [profiles.default]
      provider = "openai"
      model = "gpt-4o-mini"
      session_backend = "sqlite"
      session_db_url = "sqlite://.zavora/sessions.db"
      telemetry_enabled = true
      telemetry_path = ".zavora/telemetry/events.jsonl"
      tool_confirmation_mode = "mcp-only"
      guardrail_input_mode = "observe"
      guardrail_output_mode = "redact"
      guardrail_terms = ["password", "secret", "api key", "private key"]
      """;

  private Path config(String text) throws IOException {
    Path file = dir.resolve(".tau/config.toml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void runbookProfileLoadsWithEveryKey() throws IOException {
    config(RUNBOOK_PROFILE);
    TauSettings s = SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir);
    assertThat(s.model().value()).isEqualTo("openai/gpt-4o-mini");
    assertThat(s.model().source()).isEqualTo(Source.PROFILE);
    assertThat(s.sessionBackend().value()).isEqualTo(dev.tau.store.SessionBackend.SQLITE);
    assertThat(s.sessionDbUrl().value()).isEqualTo("sqlite://.zavora/sessions.db");
    assertThat(s.telemetryPath().value()).isEqualTo(".zavora/telemetry/events.jsonl");
    assertThat(s.toolConfirmationMode().value())
        .isEqualTo(dev.tau.agent.policy.ConfirmationMode.MCP_ONLY);
    assertThat(s.guardrailInputMode().value()).isEqualTo(GuardrailMode.OBSERVE);
    assertThat(s.guardrailOutputMode().value()).isEqualTo(GuardrailMode.REDACT);
    assertThat(s.guardrailTerms()).containsExactly("password", "secret", "api key", "private key");
  }

  @Test
  void missingFileGivesDefaults() {
    TauSettings s = SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir);
    assertThat(s.configExists()).isFalse();
    assertThat(s.modelChosen()).isFalse();
    assertThat(s.sessionBackend())
        .isEqualTo(new Setting<>(dev.tau.store.SessionBackend.SQLITE, Source.DEFAULT));
    assertThat(s.sessionDbUrl().value()).isEqualTo("sqlite://.tau/sessions.db");
    assertThat(s.sessionId().value()).isEqualTo("default-session");
    assertThat(s.guardrailTerms()).isEqualTo(SettingsResolver.DEFAULT_GUARDRAIL_TERMS);
    assertThat(s.maxTurns().value()).isEqualTo(16);
  }

  @Test
  void flagBeatsEnvBeatsProfileBeatsDefault() throws IOException {
    config(RUNBOOK_PROFILE);
    Map<String, String> env =
        Map.of("TAU_MODEL", "anthropic/claude-sonnet-4-5", "TAU_SESSION_ID", "from-env");
    TauSettings envWins = SettingsResolver.resolve(CliOverrides.none(), env, dir);
    assertThat(envWins.model()).isEqualTo(new Setting<>("anthropic/claude-sonnet-4-5", Source.ENV));
    assertThat(envWins.sessionId()).isEqualTo(new Setting<>("from-env", Source.ENV));

    CliOverrides flags = withModel("google/gemini-2.5-flash");
    TauSettings flagWins = SettingsResolver.resolve(flags, env, dir);
    assertThat(flagWins.model()).isEqualTo(new Setting<>("google/gemini-2.5-flash", Source.FLAG));
  }

  @Test
  void unknownKeyIsRejectedNamingKeyAndLine() throws IOException {
    config("[profiles.default]\nmodel = \"x\"\nsesion_backend = \"sqlite\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown key 'sesion_backend'")
        .hasMessageContaining("line 3");
  }

  @Test
  void mcpServerTablesLoadInFileOrder() throws IOException {
    config(
        "[mcp.servers.ops]\nurl = \"https://mcp.example.test/ops\"\nauth_bearer_env ="
            + " \"OPS_MCP_TOKEN\"\ntimeout_secs = 5\ntool_allowlist = [\"search_incidents\"]\n"
            + "[mcp.servers.docs]\ncommand = \"docs-mcp\"\nargs = [\"--root\", \".\"]\n"
            + "env = { DOCS_TOKEN = \"t0ken\" }\nenabled = false\n");
    TauSettings s = SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir);
    assertThat(s.mcpServers()).extracting(McpServerConfig::name).containsExactly("ops", "docs");
    McpServerConfig ops = s.mcpServers().getFirst();
    assertThat(ops.transport()).isEqualTo(McpTransport.HTTP);
    assertThat(ops.timeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(ops.toolAllowlist()).containsExactly("search_incidents");
    McpServerConfig docs = s.mcpServers().get(1);
    assertThat(docs.enabled()).isFalse();
    assertThat(docs.args()).containsExactly("--root", ".");
    assertThat(docs.env()).containsEntry("DOCS_TOKEN", "t0ken");
  }

  @Test
  void badMcpServerTablesAreRejectedNamingTheTableAndLine() throws IOException {
    config("[profiles.default]\nmodel = \"x\"\n\n[mcp.servers.docs]\ncomand = \"docs-mcp\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown key 'comand'")
        .hasMessageContaining("line 5");
    config("[mcp.servers.docs]\nargs = [\"x\"]\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("[mcp.servers.docs] needs exactly one of 'command' (stdio) or 'url'")
        .hasMessageContaining("line 1");
    config("[mcp.servers.docs]\ncommand = \"d\"\ntimeout_secs = 0\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .hasMessageContaining("'timeout_secs' must be 1 to 3600 seconds");
    config("[mcp.servers.docs]\nurl = \"not a url\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("[mcp.servers.docs] 'url'");
    config("[mcp.servers.docs]\ncommand = \"d\"\nenabled = \"yes\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("key 'enabled'")
        .hasMessageContaining("true or false");
  }

  @Test
  void unknownTopLevelTableIsRejected() throws IOException {
    config("[settings]\nmodel = \"x\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown key 'settings'");
  }

  @Test
  void malformedTomlNamesTheFile() throws IOException {
    Path file = config("[profiles.default\nmodel = \n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void badEnumValueNamesKeyAndAcceptedValues() throws IOException {
    config("[profiles.default]\ntool_confirmation_mode = \"sometimes\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("tool_confirmation_mode")
        .hasMessageContaining("always|mcp-only|never");
  }

  @Test
  void badFlagValueNamesTheFlag() {
    CliOverrides flags =
        new CliOverrides(
            null,
            null,
            null,
            null,
            "postgres",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> SettingsResolver.resolve(flags, Map.of(), dir))
        .hasMessageContaining("--session-backend")
        .hasMessageContaining("memory|sqlite");
  }

  @Test
  void unknownProfileListsAvailableOnes() throws IOException {
    config(RUNBOOK_PROFILE + "\n[profiles.ci]\nmodel = \"offline/echo\"\n");
    CliOverrides flags =
        new CliOverrides(
            "prod", null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);
    assertThatThrownBy(() -> SettingsResolver.resolve(flags, Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("profile 'prod' not found")
        .hasMessageContaining("Available profiles: ci, default");
  }

  @Test
  void profileSelectedByEnv() throws IOException {
    config(RUNBOOK_PROFILE + "\n[profiles.ci]\nmodel = \"offline/echo\"\n");
    TauSettings s = SettingsResolver.resolve(CliOverrides.none(), Map.of("TAU_PROFILE", "ci"), dir);
    assertThat(s.profileName()).isEqualTo("ci");
    assertThat(s.model().value()).isEqualTo("offline/echo");
  }

  @Test
  void listsMergeProfileThenFlagsWithoutDuplicates() throws IOException {
    config("[profiles.default]\napprove_tool = [\"bash\", \" read \"]\n");
    CliOverrides flags =
        new CliOverrides(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("read", "write", " "),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    TauSettings s = SettingsResolver.resolve(flags, Map.of(), dir);
    assertThat(s.approveTools()).containsExactly("bash", "read", "write");
  }

  @Test
  void providerWithoutModelIsRejected() throws IOException {
    config("[profiles.default]\nprovider = \"openai\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .hasMessageContaining("needs a 'model' key");
  }

  @Test
  void apiKeyNeverAppearsInToString() throws IOException {
    config("[profiles.default]\nmodel = \"openai/gpt-4o-mini\"\napi_key = \"sk-secret-123\"\n");
    TauSettings s = SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir);
    assertThat(s.apiKey().value().value()).isEqualTo("sk-secret-123");
    assertThat(s.apiKey().toString()).doesNotContain("sk-secret-123");
    assertThat(s.toString()).doesNotContain("sk-secret-123");
  }

  @Test
  void valuesOfTheWrongTypeAreRejectedNamingKeyLineAndType() throws IOException {
    config("[profiles.default]\nmodel = \"offline/echo\"\nmax_turns = 1.9\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("key 'max_turns'")
        .hasMessageContaining("line 3")
        .hasMessageContaining("a whole number");
    config("[profiles.default]\nworkspace = true\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .hasMessageContaining("key 'workspace'")
        .hasMessageContaining("a string in quotes");
    config("[profiles.default]\ntelemetry_enabled = 1\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .hasMessageContaining("key 'telemetry_enabled'")
        .hasMessageContaining("true or false");
    config("[profiles.default]\nmax_turns = \"abc\"\n");
    assertThatThrownBy(() -> SettingsResolver.resolve(CliOverrides.none(), Map.of(), dir))
        .hasMessageContaining("key 'max_turns'")
        .hasMessageNotContaining("java.lang");
  }

  @Test
  void anAbsurdRequestTimeoutIsRefused() {
    assertThatThrownBy(
            () ->
                SettingsResolver.resolve(
                    CliOverrides.none(),
                    Map.of("TAU_REQUEST_TIMEOUT_MS", "9223372036854775807"),
                    dir))
        .hasMessageContaining("TAU_REQUEST_TIMEOUT_MS")
        .hasMessageContaining("between 1 and 3600000");
  }

  @Test
  void nonNumericEnvNamesTheVariable() {
    assertThatThrownBy(
            () ->
                SettingsResolver.resolve(CliOverrides.none(), Map.of("TAU_MAX_TURNS", "many"), dir))
        .hasMessageContaining("TAU_MAX_TURNS");
  }

  private static CliOverrides withModel(String model) {
    return new CliOverrides(
        null, null, model, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }
}
