package dev.tau.llm;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The providers Tau knows by name: where they live, which key they need, which API they speak. */
public enum KnownProvider {
  OPENAI("openai", Family.OPENAI_RESPONSES, "https://api.openai.com/v1", "OPENAI_API_KEY"),
  ANTHROPIC("anthropic", Family.ANTHROPIC, "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY"),
  GOOGLE(
      "google",
      Family.GEMINI,
      "https://generativelanguage.googleapis.com/v1beta",
      "GEMINI_API_KEY",
      "GOOGLE_API_KEY"),
  OLLAMA("ollama", Family.OPENAI_CHAT, "http://127.0.0.1:11434/v1"),
  OPENROUTER(
      "openrouter", Family.OPENAI_CHAT, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
  DEEPSEEK("deepseek", Family.OPENAI_CHAT, "https://api.deepseek.com", "DEEPSEEK_API_KEY"),
  GROQ("groq", Family.OPENAI_CHAT, "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
  XAI("xai", Family.OPENAI_CHAT, "https://api.x.ai/v1", "XAI_API_KEY"),
  MISTRAL("mistral", Family.OPENAI_CHAT, "https://api.mistral.ai/v1", "MISTRAL_API_KEY"),
  OFFLINE("offline", Family.OFFLINE, "http://127.0.0.1/");

  /** Which adapter serves a provider. */
  public enum Family {
    OPENAI_RESPONSES,
    OPENAI_CHAT,
    ANTHROPIC,
    GEMINI,
    OFFLINE
  }

  /** The generic key variable, used when the provider's own is not set. */
  public static final String GENERIC_KEY_VARIABLE = "TAU_API_KEY";

  private final String id;
  private final Family family;
  private final URI defaultBaseUrl;
  private final List<String> keyVariables;

  KnownProvider(String id, Family family, String defaultBaseUrl, String... keyVariables) {
    this.id = id;
    this.family = family;
    this.defaultBaseUrl = URI.create(defaultBaseUrl);
    this.keyVariables = List.of(keyVariables);
  }

  public String id() {
    return id;
  }

  public Family family() {
    return family;
  }

  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The environment variables that may hold this provider's key, most specific first. */
  public List<String> keyVariables() {
    return keyVariables;
  }

  /** Whether calls fail without a key (Ollama and offline need none). */
  public boolean needsKey() {
    return !keyVariables.isEmpty();
  }

  /** The variable that overrides the base URL, for example {@code TAU_OPENAI_BASE_URL}. */
  public String baseUrlVariable() {
    return "TAU_" + id.toUpperCase(Locale.ROOT) + "_BASE_URL";
  }

  /** Finds a provider by id or alias ({@code gemini} is {@code google}); case-insensitive. */
  public static Optional<KnownProvider> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String id = name.strip().toLowerCase(Locale.ROOT);
    if (id.equals("gemini")) {
      id = "google";
    }
    for (KnownProvider provider : values()) {
      if (provider.id.equals(id)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /** The ids, comma-separated, for messages. */
  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(KnownProvider::id).toList());
  }
}
