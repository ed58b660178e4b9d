package dev.tau.otel;

import dev.tau.core.error.InputException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how traces are exported, read from the standard OpenTelemetry environment variables.
 * Tracing is on only when {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} is set (and neither {@code OTEL_SDK_DISABLED=true} nor {@code
 * OTEL_TRACES_EXPORTER=none} turns it off). Header values are kept out of {@link #toString()} and
 * out of every error message: they usually carry an API key.
 *
 * @param endpoint the full OTLP/HTTP traces URL ({@code …/v1/traces})
 * @param headers extra request headers (for example an authorization key)
 * @param timeout the export request timeout
 * @param gzip whether requests are gzip-compressed
 * @param serviceName the {@code service.name} resource attribute
 * @param resourceAttributes further resource attributes ({@code OTEL_RESOURCE_ATTRIBUTES})
 * @param sampler the sampler name ({@code OTEL_TRACES_SAMPLER})
 * @param samplerRatio the ratio of the {@code traceidratio} samplers
 * @param scheduleDelay how long spans wait before a batch is sent ({@code OTEL_BSP_SCHEDULE_DELAY})
 */
public record TracingSettings(
    URI endpoint,
    Map<String, String> headers,
    Duration timeout,
    boolean gzip,
    String serviceName,
    Map<String, String> resourceAttributes,
    String sampler,
    double samplerRatio,
    Duration scheduleDelay) {

  /** The {@code service.name} when neither variable names one. */
  public static final String DEFAULT_SERVICE_NAME = "tau";

  public TracingSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(serviceName, "serviceName");
    resourceAttributes = Map.copyOf(resourceAttributes);
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(scheduleDelay, "scheduleDelay");
  }

  /**
   * The settings the environment asks for, or empty when tracing is off.
   *
   * @throws InputException naming the variable when a value cannot be used
   */
  public static Optional<TracingSettings> fromEnv(Map<String, String> env) {
    if ("true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED"))) {
      return Optional.empty();
    }
    String exporter = value(env, "OTEL_TRACES_EXPORTER");
    if (exporter != null) {
      String chosen = exporter.toLowerCase(Locale.ROOT);
      if (chosen.equals("none")) {
        return Optional.empty();
      }
      if (!chosen.equals("otlp")) {
        throw new InputException(
            "OTEL_TRACES_EXPORTER='"
                + exporter
                + "' is not supported: Tau exports 'otlp' or 'none'");
      }
    }
    URI endpoint = endpoint(env);
    if (endpoint == null) {
      return Optional.empty();
    }
    String protocol = signal(env, "PROTOCOL");
    if (protocol != null && !protocol.equals("http/protobuf")) {
      throw new InputException(
          "OTEL_EXPORTER_OTLP_PROTOCOL='"
              + protocol
              + "' is not supported: Tau exports OTLP over http/protobuf (the collector's port"
              + " 4318)");
    }
    String compression = signal(env, "COMPRESSION");
    if (compression != null && !compression.equals("gzip") && !compression.equals("none")) {
      throw new InputException(
          "OTEL_EXPORTER_OTLP_COMPRESSION='" + compression + "' must be gzip or none");
    }
    Map<String, String> resource = pairs(env, "OTEL_RESOURCE_ATTRIBUTES", true);
    String service = value(env, "OTEL_SERVICE_NAME");
    if (service == null) {
      service = resource.getOrDefault("service.name", DEFAULT_SERVICE_NAME);
    }
    resource.remove("service.name");
    Map<String, String> headers = pairs(env, "OTEL_EXPORTER_OTLP_HEADERS", false);
    headers.putAll(pairs(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", false));
    String sampler = value(env, "OTEL_TRACES_SAMPLER");
    sampler = sampler == null ? "parentbased_always_on" : sampler.toLowerCase(Locale.ROOT);
    return Optional.of(
        new TracingSettings(
            endpoint,
            headers,
            Duration.ofMillis(
                millis(
                    env,
                    value(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") != null
                        ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
                        : "OTEL_EXPORTER_OTLP_TIMEOUT",
                    10_000)),
            "gzip".equals(compression),
            service,
            resource,
            sampler,
            ratio(env, sampler),
            Duration.ofMillis(millis(env, "OTEL_BSP_SCHEDULE_DELAY", 5_000))));
  }

  private static URI endpoint(Map<String, String> env) {
    String variable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    String raw = value(env, variable);
    boolean signalSpecific = raw != null;
    if (!signalSpecific) {
      variable = "OTEL_EXPORTER_OTLP_ENDPOINT";
      raw = value(env, variable);
    }
    if (raw == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(raw);
    } catch (IllegalArgumentException e) {
      throw new InputException(variable + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InputException(
          variable + " must be an http:// or https:// URL, for example http://localhost:4318");
    }
    if (signalSpecific) {
      return uri;
    }
    // the general endpoint is the collector's base URL; the traces path goes after it
    String base = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    return URI.create(base + "/v1/traces");
  }

  /** The traces-specific variable when set, else the general one ({@code OTEL_EXPORTER_OTLP_}). */
  private static String signal(Map<String, String> env, String suffix) {
    String specific = value(env, "OTEL_EXPORTER_OTLP_TRACES_" + suffix);
    String chosen = specific != null ? specific : value(env, "OTEL_EXPORTER_OTLP_" + suffix);
    return chosen == null ? null : chosen.toLowerCase(Locale.ROOT);
  }

  /**
   * A {@code key=value,key=value} list with percent-encoded values (the W3C baggage form the spec
   * uses). For headers the error never quotes the text, which holds keys.
   */
  private static Map<String, String> pairs(
      Map<String, String> env, String variable, boolean quote) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = value(env, variable);
    if (raw == null) {
      return out;
    }
    for (String item : raw.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || item.substring(0, eq).isBlank()) {
        throw new InputException(
            variable
                + " must be a comma-separated list of key=value pairs"
                + (quote ? " (bad item '" + item.strip() + "')" : ""));
      }
      try {
        out.put(
            item.substring(0, eq).strip(),
            URLDecoder.decode(item.substring(eq + 1).strip(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new InputException(variable + " holds a badly percent-encoded value");
      }
    }
    return out;
  }

  private static long millis(Map<String, String> env, String variable, long fallback) {
    String raw = value(env, variable);
    if (raw == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InputException(variable + "='" + raw + "' must be a whole number of milliseconds");
    }
  }

  private static double ratio(Map<String, String> env, String sampler) {
    switch (sampler) {
      case "always_on", "always_off", "parentbased_always_on", "parentbased_always_off" -> {
        return 1.0;
      }
      case "traceidratio", "parentbased_traceidratio" -> {
        String raw = value(env, "OTEL_TRACES_SAMPLER_ARG");
        if (raw == null) {
          return 1.0;
        }
        try {
          double ratio = Double.parseDouble(raw);
          if (ratio < 0 || ratio > 1) {
            throw new NumberFormatException();
          }
          return ratio;
        } catch (NumberFormatException e) {
          throw new InputException(
              "OTEL_TRACES_SAMPLER_ARG='" + raw + "' must be a number from 0 to 1");
        }
      }
      default ->
          throw new InputException(
              "OTEL_TRACES_SAMPLER='"
                  + sampler
                  + "' is not supported (always_on, always_off, traceidratio,"
                  + " parentbased_always_on, parentbased_always_off, parentbased_traceidratio)");
    }
  }

  private static String value(Map<String, String> env, String variable) {
    String raw = env.get(variable);
    return raw == null || raw.isBlank() ? null : raw.strip();
  }

  @Override
  public String toString() {
    return "TracingSettings[endpoint="
        + endpoint
        + ", headers="
        + headers.keySet()
        + " (values hidden), timeout="
        + timeout
        + ", gzip="
        + gzip
        + ", serviceName="
        + serviceName
        + ", sampler="
        + sampler
        + "]";
  }
}
