package dev.tau.cli;

import dev.tau.cli.config.CliOverrides;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Flags every command accepts, before or after the subcommand name ({@code bin/tau --model X ask …}
 * and {@code bin/tau ask --model X …} are the same). Unset flags stay null so that env vars and
 * profiles can fill them.
 */
public final class GlobalOptions {
  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Config profile to use (env TAU_PROFILE; default: default).")
  String profile;

  @Option(
      names = "--config-path",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Config file (env TAU_CONFIG; default: .tau/config.toml).")
  String configPath;

  @Option(
      names = {"-m", "--model"},
      scope = ScopeType.INHERIT,
      paramLabel = "PROVIDER/MODEL",
      description =
          "Model id, e.g. openai/gpt-4o-mini, anthropic/claude-sonnet-4-5, google/gemini-2.5-flash,"
              + " ollama/llama3.2, offline/echo (env TAU_MODEL).")
  String model;

  @Option(
      names = "--session-id",
      scope = ScopeType.INHERIT,
      paramLabel = "ID",
      description = "Session to resume or create (env TAU_SESSION_ID; default: default-session).")
  String sessionId;

  @Option(
      names = "--session-backend",
      scope = ScopeType.INHERIT,
      paramLabel = "memory|sqlite",
      description = "Session store (env TAU_SESSION_BACKEND; default: sqlite).")
  String sessionBackend;

  @Option(
      names = "--session-db-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "SQLite URL (env TAU_SESSION_DB_URL; default: sqlite://.tau/sessions.db).")
  String sessionDbUrl;

  @Option(
      names = "--tool-confirmation-mode",
      scope = ScopeType.INHERIT,
      paramLabel = "never|mcp-only|always",
      description =
          "When tools need confirmation (env TAU_TOOL_CONFIRMATION_MODE; default: mcp-only).")
  String toolConfirmationMode;

  @Option(
      names = "--approve-tool",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Tool that never needs confirmation (repeatable).")
  List<String> approveTool = new ArrayList<>();

  @Option(
      names = "--require-confirm-tool",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Tool that always needs confirmation (repeatable).")
  List<String> requireConfirmTool = new ArrayList<>();

  @Option(
      names = "--allow-tool",
      scope = ScopeType.INHERIT,
      paramLabel = "GLOB",
      description = "Only these tools may run (repeatable; default: all).")
  List<String> allowTools = new ArrayList<>();

  @Option(
      names = "--deny-tool",
      scope = ScopeType.INHERIT,
      paramLabel = "GLOB",
      description = "These tools may not run (repeatable; wins over --allow-tool).")
  List<String> denyTools = new ArrayList<>();

  @Option(
      names = "--telemetry-enabled",
      scope = ScopeType.INHERIT,
      paramLabel = "true|false",
      description = "Write telemetry events (env TAU_TELEMETRY_ENABLED; default: true).")
  String telemetryEnabled;

  @Option(
      names = "--telemetry-path",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Telemetry JSONL file (env TAU_TELEMETRY_PATH).")
  String telemetryPath;

  @Option(
      names = "--guardrail-input-mode",
      scope = ScopeType.INHERIT,
      paramLabel = "MODE",
      description = "disabled|observe|block|redact (env TAU_GUARDRAIL_INPUT_MODE).")
  String guardrailInputMode;

  @Option(
      names = "--guardrail-output-mode",
      scope = ScopeType.INHERIT,
      paramLabel = "MODE",
      description = "disabled|observe|block|redact (env TAU_GUARDRAIL_OUTPUT_MODE).")
  String guardrailOutputMode;

  @Option(
      names = "--guardrail-term",
      scope = ScopeType.INHERIT,
      paramLabel = "TERM",
      description = "Guardrail term (repeatable).")
  List<String> guardrailTerms = new ArrayList<>();

  @Option(
      names = "--max-turns",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description = "Model calls per run before stopping (env TAU_MAX_TURNS; default: 16).")
  Integer maxTurns;

  @Option(
      names = "--max-tool-calls",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description = "Tool calls per run before stopping (env TAU_MAX_TOOL_CALLS; default: 64).")
  Integer maxToolCalls;

  @Option(
      names = "--workspace",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Root the coding tools are confined to (env TAU_WORKSPACE; default: current directory).")
  String workspace;

  @Option(
      names = "--offline-script",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Replies and tool calls for the offline provider (env TAU_OFFLINE_SCRIPT; see docs/providers.md).")
  String offlineScript;

  @Option(
      names = "--request-timeout-ms",
      scope = ScopeType.INHERIT,
      paramLabel = "MS",
      description = "Model request timeout (env TAU_REQUEST_TIMEOUT_MS; default: 120000).")
  Long requestTimeoutMs;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print one machine-readable JSON document on stdout.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show error causes.")
  boolean verbose;

  /** The flags as overrides for {@link dev.tau.cli.config.SettingsResolver}. */
  public CliOverrides overrides() {
    return new CliOverrides(
        profile,
        configPath,
        model,
        sessionId,
        sessionBackend,
        sessionDbUrl,
        toolConfirmationMode,
        approveTool,
        requireConfirmTool,
        allowTools,
        denyTools,
        telemetryEnabled,
        telemetryPath,
        guardrailInputMode,
        guardrailOutputMode,
        guardrailTerms,
        maxTurns,
        maxToolCalls,
        workspace,
        offlineScript,
        requestTimeoutMs);
  }

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }
}
