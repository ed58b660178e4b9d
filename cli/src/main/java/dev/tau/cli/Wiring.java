package dev.tau.cli;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.SessionRunner;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.agent.tools.CodingTools;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionStore;
import dev.tau.core.tool.Tool;
import dev.tau.guardrails.GuardedRunner;
import dev.tau.guardrails.Guardrail;
import dev.tau.guardrails.GuardrailListener;
import dev.tau.guardrails.GuardrailPolicy;
import dev.tau.llm.KnownProvider;
import dev.tau.llm.ProviderFactory;
import dev.tau.llm.ProviderSettings;
import dev.tau.store.SessionStores;
import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns immutable {@link TauSettings} into running objects: the provider, the session store, the
 * tool policy and the agent. {@code main} wiring, no container.
 */
public final class Wiring {
  private Wiring() {}

  /**
   * The provider for {@code ref}, with credentials and base URL from env and profile.
   *
   * @throws InputException for an unknown provider or {@code offline/script} without a script (the
   *     model id is wrong, not the provider)
   */
  public static ModelProvider provider(
      ModelRef ref, TauSettings settings, Map<String, String> env) {
    if (KnownProvider.find(ref.provider()).isEmpty()) {
      throw new InputException(
          "unknown provider '"
              + ref.provider()
              + "' in model id '"
              + ref
              + "' (known: "
              + KnownProvider.ids()
              + ")");
    }
    if (ref.provider().equals("offline")
        && ref.model().equals("script")
        && settings.offlineScript().value() == null) {
      throw new InputException(
          "--model offline/script needs --offline-script FILE (the format is in docs/providers.md)");
    }
    return ProviderFactory.create(ref, providerSettings(ref, settings, env));
  }

  /** The session store the settings name. */
  public static SessionStore store(TauSettings settings, Clock clock) {
    return SessionStores.open(
        settings.sessionBackend().value().wire(), settings.sessionDbUrl().value(), clock);
  }

  static ProviderSettings providerSettings(
      ModelRef ref, TauSettings settings, Map<String, String> env) {
    Map<String, String> effective = new HashMap<>(env);
    String profileKey =
        settings.apiKey().value() == null ? null : settings.apiKey().value().value();
    KnownProvider known = KnownProvider.find(ref.provider()).orElse(null);
    if (profileKey != null && known != null && !known.keyVariables().isEmpty()) {
      // env wins over the profile: only fill the key when no variable holds one
      boolean envHasKey =
          known.keyVariables().stream().anyMatch(v -> env.get(v) != null && !env.get(v).isBlank());
      if (!envHasKey) {
        effective.put(known.keyVariables().getFirst(), profileKey);
      }
    }
    ProviderSettings ps = ProviderFactory.settingsFromEnv(ref.provider(), effective);
    if (settings.baseUrl().value() != null) {
      try {
        ps = ps.withBaseUrl(URI.create(settings.baseUrl().value()));
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "key 'base_url' in profile '"
                + settings.profileName()
                + "' is not a URL: "
                + e.getMessage());
      }
    }
    ps =
        ps.withTimeouts(
            ProviderSettings.DEFAULT_CONNECT_TIMEOUT, settings.requestTimeout().value());
    String script = settings.offlineScript().value();
    if (script != null && ref.provider().equals("offline")) {
      Path file = settings.workspace().value().resolve(script);
      if (!Files.isRegularFile(file)) {
        file = Path.of(System.getProperty("user.dir")).resolve(script);
      }
      ps = ps.withOfflineScript(file);
    }
    return ps;
  }

  /** The tool policy from the allow/deny/approve lists and the confirmation mode. */
  public static ToolPolicy policy(TauSettings settings) {
    try {
      return ToolPolicy.builder()
          .allow(settings.allowTools())
          .deny(settings.denyTools())
          .approve(settings.approveTools())
          .requireConfirm(settings.requireConfirmTools())
          .confirmation(settings.toolConfirmationMode().value())
          .build();
    } catch (IllegalArgumentException e) {
      // a malformed tool pattern in a flag or profile list
      throw new InputException(
          e.getMessage()
              + " (--allow-tool, --deny-tool, --approve-tool, --require-confirm-tool or the profile lists)");
    }
  }

  /** The agent with the coding tools confined to the settings' workspace. */
  public static Agent agent(
      ModelChoice choice,
      ModelProvider provider,
      TauSettings settings,
      Confirmer confirmer,
      Clock clock) {
    return agent(choice, provider, settings, confirmer, clock, List.of());
  }

  /**
   * The agent with the coding tools confined to the settings' workspace, then {@code mcpTools}
   * (from {@code Context.mcp}), under the same tool policy.
   */
  public static Agent agent(
      ModelChoice choice,
      ModelProvider provider,
      TauSettings settings,
      Confirmer confirmer,
      Clock clock,
      List<? extends Tool> mcpTools) {
    Path workspace = settings.workspace().value();
    if (!Files.isDirectory(workspace)) {
      throw new InputException("workspace " + workspace + " is not a directory (--workspace)");
    }
    AgentConfig config =
        AgentConfig.builder(choice.ref().model())
            .instructions(settings.instructions().value())
            .maxTurns(settings.maxTurns().value())
            .maxToolCalls(settings.maxToolCalls().value())
            .streaming(true)
            .build();
    return Agent.builder(config, provider)
        .tools(CodingTools.all().plus(mcpTools))
        .policy(policy(settings))
        .confirmer(confirmer)
        .workspace(workspace)
        .clock(clock)
        .build();
  }

  /** A session runner over {@code store}. */
  public static SessionRunner runner(SessionStore store, Agent agent, Clock clock) {
    return new SessionRunner(store, agent, clock);
  }

  /** The guardrail the settings describe; {@code listener} receives its matches (telemetry). */
  public static Guardrail guardrail(TauSettings settings, GuardrailListener listener) {
    return new Guardrail(
        new GuardrailPolicy(
            settings.guardrailInputMode().value(),
            settings.guardrailOutputMode().value(),
            settings.guardrailTerms(),
            settings.guardrailRedactReplacement()),
        listener);
  }

  /**
   * A session runner over {@code store} with the settings' guardrails applied; what ask and chat
   * run every prompt through.
   */
  public static GuardedRunner guardedRunner(
      SessionStore store, Agent agent, Clock clock, TauSettings settings, Telemetry telemetry) {
    return new GuardedRunner(runner(store, agent, clock), guardrail(settings, to(telemetry)));
  }

  /** Reports each guardrail match as a {@code guardrail.<direction>.<outcome>} event. */
  public static GuardrailListener to(Telemetry telemetry) {
    return event ->
        telemetry.emit(
            TelemetryEvent.guardrail(event.direction().wire(), event.outcome().wire()),
            event.fields());
  }
}
