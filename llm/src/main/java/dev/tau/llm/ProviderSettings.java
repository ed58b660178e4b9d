package dev.tau.llm;

import dev.tau.core.util.Urls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one model provider. Immutable; the running adapter is created from it by {@link
 * ProviderFactory}. {@link #toString()} never shows the API key or extra header values.
 *
 * @param provider the provider id, for example {@code openai} or {@code ollama}
 * @param baseUrl the API base, for example {@code https://api.openai.com/v1}
 * @param apiKey the credential, or empty when the provider needs none
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the response headers of one attempt
 * @param maxRetries retries after the first attempt on 408/429/5xx and connection failures
 * @param extraHeaders headers added to every request (for example an OpenRouter {@code
 *     HTTP-Referer})
 * @param api which OpenAI API shape to speak; ignored by other vendors
 * @param offlineScript the reply script of the {@code offline} provider, or {@code null} for none
 */
public record ProviderSettings(
    String provider,
    URI baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Map<String, String> extraHeaders,
    Api api,
    Path offlineScript) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_RETRIES = 3;

  /** The OpenAI API shape an adapter speaks. */
  public enum Api {
    /** {@code POST /responses} (OpenAI's default). */
    RESPONSES,
    /** {@code POST /chat/completions} (every OpenAI-compatible server). */
    CHAT;

    /** Parses {@code responses} or {@code chat}. */
    public static Api parse(String value) {
      return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
        case "responses" -> RESPONSES;
        case "chat", "chat_completions", "chat-completions" -> CHAT;
        default ->
            throw new IllegalArgumentException(
                "api must be 'responses' or 'chat', got '" + value + "'");
      };
    }
  }

  public ProviderSettings {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(baseUrl, "baseUrl");
    apiKey = apiKey == null ? "" : apiKey.strip();
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    extraHeaders = Map.copyOf(extraHeaders == null ? Map.of() : extraHeaders);
    api = api == null ? defaultApi(provider) : api;
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
    String scheme = baseUrl.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http(s) URL with a host, got '" + Urls.redact(baseUrl) + "'");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be between 0 and 10, got " + maxRetries);
    }
    for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
      if (header.getKey().isBlank() || hasLineBreak(header.getKey() + header.getValue())) {
        throw new IllegalArgumentException(
            "extraHeaders: header '" + header.getKey() + "' has an empty name or a line break");
      }
    }
    if (hasLineBreak(apiKey)) {
      throw new IllegalArgumentException("apiKey must not contain line breaks");
    }
  }

  /** Settings with every default for {@code provider} and the given base URL, without a key. */
  public static ProviderSettings of(String provider, URI baseUrl) {
    return new ProviderSettings(
        provider,
        baseUrl,
        "",
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        Map.of(),
        defaultApi(provider),
        null);
  }

  /** {@code responses} for {@code openai}, {@code chat} for every compatible provider. */
  public static Api defaultApi(String provider) {
    return "openai".equals(provider) ? Api.RESPONSES : Api.CHAT;
  }

  public boolean hasApiKey() {
    return !apiKey.isEmpty();
  }

  public ProviderSettings withApiKey(String key) {
    return new ProviderSettings(
        provider,
        baseUrl,
        key,
        connectTimeout,
        requestTimeout,
        maxRetries,
        extraHeaders,
        api,
        offlineScript);
  }

  public ProviderSettings withBaseUrl(URI url) {
    return new ProviderSettings(
        provider,
        url,
        apiKey,
        connectTimeout,
        requestTimeout,
        maxRetries,
        extraHeaders,
        api,
        offlineScript);
  }

  public ProviderSettings withTimeouts(Duration connect, Duration request) {
    return new ProviderSettings(
        provider, baseUrl, apiKey, connect, request, maxRetries, extraHeaders, api, offlineScript);
  }

  public ProviderSettings withMaxRetries(int retries) {
    return new ProviderSettings(
        provider,
        baseUrl,
        apiKey,
        connectTimeout,
        requestTimeout,
        retries,
        extraHeaders,
        api,
        offlineScript);
  }

  public ProviderSettings withExtraHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(name, value);
    return new ProviderSettings(
        provider,
        baseUrl,
        apiKey,
        connectTimeout,
        requestTimeout,
        maxRetries,
        headers,
        api,
        offlineScript);
  }

  public ProviderSettings withApi(Api newApi) {
    return new ProviderSettings(
        provider,
        baseUrl,
        apiKey,
        connectTimeout,
        requestTimeout,
        maxRetries,
        extraHeaders,
        newApi,
        offlineScript);
  }

  public ProviderSettings withOfflineScript(Path script) {
    return new ProviderSettings(
        provider,
        baseUrl,
        apiKey,
        connectTimeout,
        requestTimeout,
        maxRetries,
        extraHeaders,
        api,
        script);
  }

  /** Shows everything but secrets: the key and header values are redacted. */
  @Override
  public String toString() {
    Map<String, String> headers = new LinkedHashMap<>();
    extraHeaders.keySet().stream().sorted().forEach(name -> headers.put(name, "***"));
    return "ProviderSettings[provider="
        + provider
        + ", baseUrl="
        + Urls.redact(baseUrl)
        + ", apiKey="
        + (apiKey.isEmpty() ? "<none>" : "***")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + ", extraHeaders="
        + headers
        + ", api="
        + api.name().toLowerCase(Locale.ROOT)
        + ", offlineScript="
        + (offlineScript == null ? "<none>" : offlineScript)
        + "]";
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }
}
