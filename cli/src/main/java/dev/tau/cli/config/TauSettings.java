package dev.tau.cli.config;

import dev.tau.agent.policy.ConfirmationMode;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.mcp.McpServerConfig;
import dev.tau.store.SessionBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting after precedence (flag &gt; env &gt; profile &gt; default) is applied. Immutable;
 * the running objects are built from it in {@code dev.tau.cli.Wiring}.
 *
 * @param model the {@code provider/model} id, or an empty value when nothing chose one (then Tau
 *     picks a provider from the credentials present, else the offline provider)
 */
public record TauSettings(
    String profileName,
    Path configPath,
    boolean configExists,
    Setting<String> model,
    Setting<String> baseUrl,
    Setting<ApiKey> apiKey,
    Setting<SessionBackend> sessionBackend,
    Setting<String> sessionDbUrl,
    Setting<String> sessionId,
    Setting<Boolean> telemetryEnabled,
    Setting<String> telemetryPath,
    Setting<ConfirmationMode> toolConfirmationMode,
    List<String> approveTools,
    List<String> requireConfirmTools,
    List<String> allowTools,
    List<String> denyTools,
    Setting<GuardrailMode> guardrailInputMode,
    Setting<GuardrailMode> guardrailOutputMode,
    List<String> guardrailTerms,
    String guardrailRedactReplacement,
    Setting<Integer> maxTurns,
    Setting<Integer> maxToolCalls,
    Setting<Path> workspace,
    Setting<String> offlineScript,
    Setting<Duration> requestTimeout,
    Setting<String> instructions,
    List<McpServerConfig> mcpServers) {

  public TauSettings {
    mcpServers = List.copyOf(mcpServers);
  }

  /** Whether a model id was chosen by a flag, env var or profile. */
  public boolean modelChosen() {
    return model.value() != null && !model.value().isBlank();
  }

  @Override
  public String toString() {
    // the record's default toString would print the API key
    return "TauSettings[profile=" + profileName + ", model=" + model.value() + "]";
  }
}
