package dev.tau.cli;

import dev.tau.cli.config.Source;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelRef;
import dev.tau.llm.KnownProvider;
import dev.tau.llm.ProviderFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which model a run uses, and why. An explicit choice (flag, env, profile) always wins; otherwise
 * the first provider with a credential in the environment; otherwise the offline provider, said out
 * loud, never silently.
 *
 * @param ref the model id
 * @param source where the choice came from ({@link Source#DEFAULT} for an automatic choice)
 * @param notice what to tell the user about an automatic choice, or empty
 */
public record ModelChoice(ModelRef ref, Source source, String notice) {

  /** Default models for providers chosen from credentials alone. */
  private static final List<Map.Entry<KnownProvider, String>> AUTO =
      List.of(
          Map.entry(KnownProvider.OPENAI, "gpt-4o-mini"),
          Map.entry(KnownProvider.ANTHROPIC, "claude-sonnet-4-5"),
          Map.entry(KnownProvider.GOOGLE, "gemini-2.5-flash"),
          Map.entry(KnownProvider.OPENROUTER, "openai/gpt-4o-mini"),
          Map.entry(KnownProvider.DEEPSEEK, "deepseek-chat"),
          Map.entry(KnownProvider.GROQ, "llama-3.3-70b-versatile"),
          Map.entry(KnownProvider.MISTRAL, "mistral-small-latest"),
          Map.entry(KnownProvider.XAI, "grok-4"));

  /** The Ollama probe's budget: short, because it runs before every unconfigured command. */
  static final Duration OLLAMA_PROBE_TIMEOUT = Duration.ofMillis(300);

  public boolean offline() {
    return ref.provider().equals("offline");
  }

  public static ModelChoice resolve(TauSettings settings, Map<String, String> env) {
    if (settings.modelChosen()) {
      try {
        return new ModelChoice(
            ModelRef.parse(settings.model().value()), settings.model().source(), "");
      } catch (IllegalArgumentException e) {
        throw new InputException(
            e.getMessage() + " (from " + settings.model().source().wire() + ")");
      }
    }
    if (settings.offlineScript().value() != null) {
      return new ModelChoice(new ModelRef("offline", "script"), Source.DEFAULT, "");
    }
    if (settings.apiKey().value() != null) {
      return new ModelChoice(new ModelRef("openai", "gpt-4o-mini"), Source.DEFAULT, "");
    }
    Optional<ModelRef> fromKeys = fromCredentials(env);
    if (fromKeys.isPresent()) {
      return new ModelChoice(fromKeys.get(), Source.DEFAULT, "");
    }
    String notice =
        "no model provider is configured; answering with the offline provider. "
            + "Set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or pass --model (see 'bin/tau doctor').";
    URI ollama = ollamaBase(env);
    if (ProviderFactory.ollamaAvailable(ollama, OLLAMA_PROBE_TIMEOUT)) {
      notice =
          "no model provider is configured; answering with the offline provider. "
              + "An Ollama server answers at "
              + ollama
              + ": use it with --model ollama/<model> (for example ollama/llama3.2).";
    }
    return new ModelChoice(new ModelRef("offline", "echo"), Source.DEFAULT, notice);
  }

  private static Optional<ModelRef> fromCredentials(Map<String, String> env) {
    for (var entry : AUTO) {
      for (String variable : entry.getKey().keyVariables()) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
          return Optional.of(new ModelRef(entry.getKey().id(), entry.getValue()));
        }
      }
    }
    String generic = env.get(KnownProvider.GENERIC_KEY_VARIABLE);
    if (generic != null && !generic.isBlank()) {
      return Optional.of(new ModelRef("openai", "gpt-4o-mini"));
    }
    return Optional.empty();
  }

  /** The Ollama base URL the ollama provider itself would use (OLLAMA_HOST and its defaults). */
  static URI ollamaBase(Map<String, String> env) {
    try {
      return ProviderFactory.settingsFromEnv(KnownProvider.OLLAMA.id(), env).baseUrl();
    } catch (dev.tau.core.provider.ProviderException e) {
      throw new InputException(e.getMessage());
    }
  }
}
