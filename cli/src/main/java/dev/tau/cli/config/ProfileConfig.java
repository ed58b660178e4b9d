package dev.tau.cli.config;

import java.util.List;

/**
 * One {@code [profiles.<name>]} table of {@code .tau/config.toml}, as written. Absent keys are
 * null; {@link SettingsResolver} fills defaults. Key names are the snake_case of the components.
 */
public record ProfileConfig(
    String provider,
    String model,
    String baseUrl,
    String apiKey,
    String sessionBackend,
    String sessionDbUrl,
    String sessionId,
    Boolean telemetryEnabled,
    String telemetryPath,
    String toolConfirmationMode,
    List<String> requireConfirmTool,
    List<String> approveTool,
    List<String> allowTools,
    List<String> denyTools,
    String guardrailInputMode,
    String guardrailOutputMode,
    List<String> guardrailTerms,
    String guardrailRedactReplacement,
    Integer maxTurns,
    Integer maxToolCalls,
    String workspace,
    String offlineScript,
    Long requestTimeoutMs,
    String instructions) {

  @Override
  public String toString() {
    // the default record toString would print api_key
    return "ProfileConfig[provider="
        + provider
        + ", model="
        + model
        + ", api_key="
        + (apiKey == null ? "unset" : "<redacted>")
        + "]";
  }

  /** A profile with every key absent. */
  public static ProfileConfig empty() {
    return new ProfileConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
  }
}
