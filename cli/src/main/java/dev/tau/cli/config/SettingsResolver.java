package dev.tau.cli.config;

import dev.tau.agent.policy.ConfirmationMode;
import dev.tau.core.error.InputException;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.store.SessionBackend;
import dev.tau.store.SessionStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Applies flag &gt; env &gt; profile &gt; default and checks every value. */
public final class SettingsResolver {
  /** The default config file, relative to the working directory. */
  public static final String DEFAULT_CONFIG_PATH = ".tau/config.toml";

  public static final String DEFAULT_SESSION_DB_URL = SessionStores.DEFAULT_URL;
  public static final String DEFAULT_TELEMETRY_PATH = ".tau/telemetry/events.jsonl";
  public static final List<String> DEFAULT_GUARDRAIL_TERMS =
      List.of(
          "password",
          "secret",
          "api key",
          "api_key",
          "private key",
          "access token",
          "ssn",
          "social security");

  /** The system prompt used when none is configured. */
  public static final String DEFAULT_INSTRUCTIONS =
      "You are Tau, a careful coding agent. Use the tools to read and change files in the"
          + " workspace; keep answers short and say what you did.";

  /** Requests wait at most an hour: longer values are a typo, and overflow the HTTP client. */
  private static final long MAX_REQUEST_TIMEOUT_MS = 3_600_000;

  private SettingsResolver() {}

  /** Resolves with the config file named by the flag, env or default. */
  public static TauSettings resolve(CliOverrides flags, Map<String, String> env, Path workingDir) {
    String profileName =
        Setting.first(flags.profile(), blankToNull(env.get("TAU_PROFILE")), null, "default")
            .value();
    String configPath =
        Setting.first(
                flags.configPath(), blankToNull(env.get("TAU_CONFIG")), null, DEFAULT_CONFIG_PATH)
            .value();
    Path path = workingDir.resolve(configPath);
    ConfigFile file = ConfigFile.load(path);
    return resolve(flags, env, workingDir, file, profileName);
  }

  static TauSettings resolve(
      CliOverrides flags,
      Map<String, String> env,
      Path workingDir,
      ConfigFile file,
      String profileName) {
    ProfileConfig p = file.profile(profileName);
    String where = "profile '" + profileName + "' of " + file.path();

    Setting<String> model =
        Setting.first(flags.model(), env("TAU_MODEL", env), profileModel(p, where), null);
    Setting<SessionBackend> backend =
        parsed(
            Setting.first(
                flags.sessionBackend(),
                env("TAU_SESSION_BACKEND", env),
                p.sessionBackend(),
                "sqlite"),
            SessionBackend::fromFlag,
            "--session-backend",
            "session_backend",
            where,
            "memory|sqlite");
    Setting<String> dbUrl =
        Setting.first(
            flags.sessionDbUrl(),
            env("TAU_SESSION_DB_URL", env),
            p.sessionDbUrl(),
            DEFAULT_SESSION_DB_URL);
    Setting<String> sessionId =
        Setting.first(
            flags.sessionId(), env("TAU_SESSION_ID", env), p.sessionId(), "default-session");
    Setting<Boolean> telemetryEnabled =
        Setting.first(
            bool(flags.telemetryEnabled(), "--telemetry-enabled"),
            bool(env("TAU_TELEMETRY_ENABLED", env), "TAU_TELEMETRY_ENABLED"),
            p.telemetryEnabled(),
            true);
    Setting<String> telemetryPath =
        Setting.first(
            flags.telemetryPath(),
            env("TAU_TELEMETRY_PATH", env),
            p.telemetryPath(),
            DEFAULT_TELEMETRY_PATH);
    Setting<ConfirmationMode> confirmation =
        parsed(
            Setting.first(
                flags.toolConfirmationMode(),
                env("TAU_TOOL_CONFIRMATION_MODE", env),
                p.toolConfirmationMode(),
                "mcp-only"),
            ConfirmationMode::fromWire,
            "--tool-confirmation-mode",
            "tool_confirmation_mode",
            where,
            "always|mcp-only|never");
    Setting<GuardrailMode> input =
        guardrail(
            flags.guardrailInputMode(),
            env("TAU_GUARDRAIL_INPUT_MODE", env),
            p.guardrailInputMode(),
            "--guardrail-input-mode",
            "guardrail_input_mode",
            where);
    Setting<GuardrailMode> output =
        guardrail(
            flags.guardrailOutputMode(),
            env("TAU_GUARDRAIL_OUTPUT_MODE", env),
            p.guardrailOutputMode(),
            "--guardrail-output-mode",
            "guardrail_output_mode",
            where);
    List<String> terms = merge(p.guardrailTerms(), flags.guardrailTerms());
    if (terms.isEmpty()) {
      terms = DEFAULT_GUARDRAIL_TERMS;
    }
    Setting<Integer> maxTurns =
        Setting.first(flags.maxTurns(), intEnv("TAU_MAX_TURNS", env), p.maxTurns(), 16);
    positive(maxTurns, "--max-turns", "max_turns", where);
    Setting<Integer> maxToolCalls =
        Setting.first(
            flags.maxToolCalls(), intEnv("TAU_MAX_TOOL_CALLS", env), p.maxToolCalls(), 64);
    positive(maxToolCalls, "--max-tool-calls", "max_tool_calls", where);
    Setting<String> workspaceRaw =
        Setting.first(flags.workspace(), env("TAU_WORKSPACE", env), p.workspace(), ".");
    Setting<Path> workspace =
        new Setting<>(workingDir.resolve(workspaceRaw.value()).normalize(), workspaceRaw.source());
    Setting<String> offlineScript =
        Setting.first(
            flags.offlineScript(), env("TAU_OFFLINE_SCRIPT", env), p.offlineScript(), null);
    Setting<Long> timeoutMs =
        Setting.first(
            flags.requestTimeoutMs(),
            longEnv("TAU_REQUEST_TIMEOUT_MS", env),
            p.requestTimeoutMs(),
            120_000L);
    if (timeoutMs.value() < 1 || timeoutMs.value() > MAX_REQUEST_TIMEOUT_MS) {
      throw new InputException(
          "invalid value '"
              + timeoutMs.value()
              + "' for "
              + origin(timeoutMs.source(), "--request-timeout-ms", "request_timeout_ms", where)
              + ": must be between 1 and "
              + MAX_REQUEST_TIMEOUT_MS
              + " ms");
    }
    Setting<String> instructions =
        Setting.first(null, env("TAU_INSTRUCTIONS", env), p.instructions(), DEFAULT_INSTRUCTIONS);

    return new TauSettings(
        profileName,
        file.path(),
        file.exists(),
        model,
        Setting.first(null, null, p.baseUrl(), null),
        Setting.first(null, null, p.apiKey() == null ? null : new ApiKey(p.apiKey()), null),
        backend,
        dbUrl,
        sessionId,
        telemetryEnabled,
        telemetryPath,
        confirmation,
        merge(p.approveTool(), flags.approveTool()),
        merge(p.requireConfirmTool(), flags.requireConfirmTool()),
        merge(p.allowTools(), flags.allowTools()),
        merge(p.denyTools(), flags.denyTools()),
        input,
        output,
        terms,
        p.guardrailRedactReplacement() == null ? "[REDACTED]" : p.guardrailRedactReplacement(),
        maxTurns,
        maxToolCalls,
        workspace,
        offlineScript,
        new Setting<>(Duration.ofMillis(timeoutMs.value()), timeoutMs.source()),
        instructions,
        file.mcpServers());
  }

  /** A profile's {@code provider} + {@code model} keys as one {@code provider/model} id. */
  private static String profileModel(ProfileConfig p, String where) {
    if (p.model() == null) {
      if (p.provider() != null) {
        throw new InputException(
            "key 'provider' in "
                + where
                + " needs a 'model' key too (for example model = \"gpt-4o-mini\")");
      }
      return null;
    }
    if (p.provider() == null || p.model().startsWith(p.provider() + "/")) {
      return p.model();
    }
    return p.provider().strip().toLowerCase(Locale.ROOT) + "/" + p.model().strip();
  }

  private static <T> Setting<T> parsed(
      Setting<String> raw,
      java.util.function.Function<String, T> parser,
      String flag,
      String key,
      String where,
      String accepted) {
    try {
      return new Setting<>(parser.apply(raw.value()), raw.source());
    } catch (IllegalArgumentException | InputException e) {
      throw new InputException(
          "invalid value '"
              + raw.value()
              + "' for "
              + origin(raw.source(), flag, key, where)
              + ": expected one of "
              + accepted);
    }
  }

  private static void positive(Setting<Integer> s, String flag, String key, String where) {
    if (s.value() < 1) {
      throw new InputException(
          "invalid value '"
              + s.value()
              + "' for "
              + origin(s.source(), flag, key, where)
              + ": must be at least 1");
    }
  }

  private static Setting<GuardrailMode> guardrail(
      String flag, String env, String profile, String flagName, String key, String where) {
    Setting<String> raw = Setting.first(flag, env, profile, "disabled");
    try {
      return new Setting<>(GuardrailMode.parse(raw.value()), raw.source());
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "invalid value '"
              + raw.value()
              + "' for "
              + origin(raw.source(), flagName, key, where)
              + ": expected one of "
              + GuardrailMode.accepted());
    }
  }

  private static String origin(Source source, String flag, String key, String where) {
    return switch (source) {
      case FLAG -> flag;
      case ENV -> "environment variable TAU_" + key.toUpperCase(Locale.ROOT);
      case PROFILE -> "key '" + key + "' in " + where;
      case DEFAULT -> key;
    };
  }

  private static List<String> merge(List<String> profile, List<String> cli) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> list : new ArrayList<>(java.util.Arrays.asList(profile, cli))) {
      if (list == null) {
        continue;
      }
      for (String item : list) {
        if (item != null && !item.isBlank()) {
          out.add(item.strip());
        }
      }
    }
    return List.copyOf(out);
  }

  private static String env(String name, Map<String, String> env) {
    return blankToNull(env.get(name));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Boolean bool(String value, String name) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new InputException(
              "invalid value '" + value + "' for " + name + ": expected true or false");
    };
  }

  private static Integer intEnv(String name, Map<String, String> env) {
    Long value = longEnv(name, env);
    if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      throw new InputException(
          "invalid value '" + value + "' for environment variable " + name + ": too large");
    }
    return value == null ? null : value.intValue();
  }

  private static Long longEnv(String name, Map<String, String> env) {
    String value = env(name, env);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InputException(
          "invalid value '"
              + value
              + "' for environment variable "
              + name
              + ": expected a whole number");
    }
  }
}
