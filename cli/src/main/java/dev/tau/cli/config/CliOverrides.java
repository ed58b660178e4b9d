package dev.tau.cli.config;

import java.util.List;

/**
 * The values given on the command line; null when the flag was not given. Filled by the picocli
 * mixin, or by code in tests.
 */
public record CliOverrides(
    String profile,
    String configPath,
    String model,
    String sessionId,
    String sessionBackend,
    String sessionDbUrl,
    String toolConfirmationMode,
    List<String> approveTool,
    List<String> requireConfirmTool,
    List<String> allowTools,
    List<String> denyTools,
    String telemetryEnabled,
    String telemetryPath,
    String guardrailInputMode,
    String guardrailOutputMode,
    List<String> guardrailTerms,
    Integer maxTurns,
    Integer maxToolCalls,
    String workspace,
    String offlineScript,
    Long requestTimeoutMs) {

  public static CliOverrides none() {
    return new CliOverrides(
        null, null, null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), null,
        null, null, null, List.of(), null, null, null, null, null);
  }

  public CliOverrides {
    approveTool = approveTool == null ? List.of() : List.copyOf(approveTool);
    requireConfirmTool = requireConfirmTool == null ? List.of() : List.copyOf(requireConfirmTool);
    allowTools = allowTools == null ? List.of() : List.copyOf(allowTools);
    denyTools = denyTools == null ? List.of() : List.copyOf(denyTools);
    guardrailTerms = guardrailTerms == null ? List.of() : List.copyOf(guardrailTerms);
  }
}
