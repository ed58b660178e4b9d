package dev.tau.llm;

import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.util.IdSource;
import dev.tau.core.util.Urls;
import dev.tau.llm.anthropic.AnthropicProvider;
import dev.tau.llm.google.GeminiProvider;
import dev.tau.llm.http.ProviderHttp;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.openai.responses.OpenAiResponsesProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Creates the adapter for a {@code provider/model} id from settings, and fills settings from the
 * environment. This is the only place that knows which class serves which provider.
 */
public final class ProviderFactory {
  private ProviderFactory() {}

  /**
   * The adapter for {@code ref.provider()}, with real time, sleeping and random ids.
   *
   * @throws ProviderException.NotConfigured for an unknown provider, a missing key, or {@code
   *     offline/script} without a script file
   * @throws dev.tau.core.error.InputException when the offline script cannot be read or is invalid
   */
  public static ModelProvider create(ModelRef ref, ProviderSettings settings) {
    return create(ref, settings, ProviderHttp.Options.system(), IdSource.random());
  }

  /** As {@link #create(ModelRef, ProviderSettings)}, with retry timing and ids injected. */
  public static ModelProvider create(
      ModelRef ref, ProviderSettings settings, ProviderHttp.Options options, IdSource ids) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(settings, "settings");
    KnownProvider known = known(ref.provider());
    if (known.needsKey() && !settings.hasApiKey()) {
      throw missingKey(known);
    }
    return switch (known.family()) {
      case OPENAI_RESPONSES ->
          settings.api() == ProviderSettings.Api.CHAT
              ? new OpenAiChatProvider(settings, options, ids)
              : new OpenAiResponsesProvider(settings, options);
      case OPENAI_CHAT ->
          settings.api() == ProviderSettings.Api.RESPONSES
              ? new OpenAiResponsesProvider(settings, options)
              : new OpenAiChatProvider(settings, options, ids);
      case ANTHROPIC -> new AnthropicProvider(settings, options);
      case GEMINI -> new GeminiProvider(settings, options, ids);
      case OFFLINE -> offline(ref, settings, ids);
    };
  }

  private static ModelProvider offline(ModelRef ref, ProviderSettings settings, IdSource ids) {
    if (settings.offlineScript() != null) {
      return OfflineProvider.fromScript(settings.offlineScript(), ids);
    }
    if (ref.model().equals("script")) {
      throw new ProviderException.NotConfigured(
          OfflineProvider.ID,
          "offline/script needs a reply script: add --offline-script file.json"
              + " (the format is in docs/providers.md)");
    }
    return new OfflineProvider(ids);
  }

  /**
   * Settings for {@code providerId} from environment variables: the key ({@code OPENAI_API_KEY}…,
   * else {@code TAU_API_KEY}), the base URL ({@code TAU_<PROVIDER>_BASE_URL}, and {@code
   * OLLAMA_HOST} for ollama), everything else default.
   *
   * @throws ProviderException.NotConfigured for an unknown provider, a provider that needs a key
   *     none of whose variables is set, or a base URL variable that is not an http(s) URL
   */
  public static ProviderSettings settingsFromEnv(String providerId, Map<String, String> env) {
    KnownProvider known = known(providerId);
    URI base = baseUrl(known, env);
    ProviderSettings settings = ProviderSettings.of(known.id(), base);
    String key = key(known, env);
    if (known.needsKey() && key.isEmpty()) {
      throw missingKey(known);
    }
    return settings.withApiKey(key);
  }

  /**
   * Whether {@code env} holds a credential for any provider (so there is something better to offer
   * than offline mode).
   */
  public static boolean anyCredentialPresent(Map<String, String> env) {
    if (present(env, KnownProvider.GENERIC_KEY_VARIABLE)) {
      return true;
    }
    for (KnownProvider provider : KnownProvider.values()) {
      for (String variable : provider.keyVariables()) {
        if (present(env, variable)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an Ollama server answers {@code GET /api/tags} at {@code base} (with or without its
   * {@code /v1} suffix) within {@code timeout}. Never throws.
   */
  public static boolean ollamaAvailable(URI base, Duration timeout) {
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build()) {
      String root = base.toString().replaceAll("/+$", "");
      if (root.endsWith("/v1")) {
        root = root.substring(0, root.length() - 3);
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(root + "/api/tags")).timeout(timeout).GET().build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception unreachable) {
      return false;
    }
  }

  /** Ollama's base URL from {@code OLLAMA_HOST} ({@code host}, {@code host:port} or a URL). */
  static URI ollamaBase(String ollamaHost) {
    String host = ollamaHost.strip().replaceAll("/+$", "");
    if (!host.contains("://")) {
      host = "http://" + host;
    }
    URI uri;
    try {
      uri = new URI(host);
    } catch (URISyntaxException e) {
      throw badUrl(KnownProvider.OLLAMA, "OLLAMA_HOST", ollamaHost);
    }
    if (uri.getHost() == null) {
      throw badUrl(KnownProvider.OLLAMA, "OLLAMA_HOST", ollamaHost);
    }
    String hostName = uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 11434) : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath();
    return URI.create(uri.getScheme() + "://" + hostName + ":" + port + path + "/v1");
  }

  private static URI baseUrl(KnownProvider known, Map<String, String> env) {
    String override = env.get(known.baseUrlVariable());
    if (override != null && !override.isBlank()) {
      return checkedUrl(known, known.baseUrlVariable(), override.strip());
    }
    if (known == KnownProvider.OLLAMA && present(env, "OLLAMA_HOST")) {
      return ollamaBase(env.get("OLLAMA_HOST"));
    }
    return known.defaultBaseUrl();
  }

  private static URI checkedUrl(KnownProvider known, String variable, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw badUrl(known, variable, value);
  }

  private static ProviderException.NotConfigured badUrl(
      KnownProvider known, String variable, String value) {
    return new ProviderException.NotConfigured(
        known.id(),
        variable
            + " must be an http(s) URL such as https://host/v1, got '"
            + Urls.redact(value)
            + "'");
  }

  private static String key(KnownProvider known, Map<String, String> env) {
    for (String variable : known.keyVariables()) {
      if (present(env, variable)) {
        return env.get(variable).strip();
      }
    }
    if (known == KnownProvider.OLLAMA && present(env, "OLLAMA_API_KEY")) {
      return env.get("OLLAMA_API_KEY").strip();
    }
    if (known.needsKey() && present(env, KnownProvider.GENERIC_KEY_VARIABLE)) {
      return env.get(KnownProvider.GENERIC_KEY_VARIABLE).strip();
    }
    return "";
  }

  private static boolean present(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }

  private static KnownProvider known(String providerId) {
    return KnownProvider.find(providerId)
        .orElseThrow(
            () ->
                new ProviderException.NotConfigured(
                    String.valueOf(providerId),
                    "unknown provider '"
                        + providerId
                        + "'; known providers: "
                        + KnownProvider.ids()
                        + " (gemini is an alias of google)"));
  }

  private static ProviderException.NotConfigured missingKey(KnownProvider known) {
    List<String> variables = new ArrayList<>(known.keyVariables());
    String names = String.join(" or ", variables);
    return new ProviderException.NotConfigured(
        known.id(),
        "no API key for "
            + known.id()
            + ": set "
            + names
            + " (or "
            + KnownProvider.GENERIC_KEY_VARIABLE
            + "), or use a local model without a key: --model ollama/llama3.2");
  }
}
