package dev.tau.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {
  @Test
  void tracingIsOffWithoutAnEndpoint() {
    assertThat(TracingSettings.fromEnv(Map.of())).isEmpty();
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_SERVICE_NAME", "x"))).isEmpty();
  }

  @Test
  void theGeneralEndpointIsABaseUrlAndTheTracesEndpointIsUsedAsIs() {
    assertThat(
            TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318/"))
                .orElseThrow()
                .endpoint())
        .isEqualTo(URI.create("http://otel:4318/v1/traces"));
    assertThat(
            TracingSettings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://x.example/api/traces"))
                .orElseThrow()
                .endpoint())
        .isEqualTo(URI.create("https://x.example/api/traces"));
  }

  @Test
  void defaultsAndStandardVariablesAreRead() {
    TracingSettings s =
        TracingSettings.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                    "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource,deployment.env=prod",
                    "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
                    "OTEL_TRACES_SAMPLER", "traceidratio",
                    "OTEL_TRACES_SAMPLER_ARG", "0.25"))
            .orElseThrow();
    assertThat(s.serviceName()).isEqualTo("from-resource");
    assertThat(s.resourceAttributes()).containsExactly(Map.entry("deployment.env", "prod"));
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.samplerRatio()).isEqualTo(0.25);
    assertThat(s.gzip()).isFalse();
    assertThat(
            TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318"))
                .orElseThrow()
                .serviceName())
        .isEqualTo("tau");
  }

  @Test
  void sdkDisabledOrExporterNoneTurnsTracingOff() {
    assertThat(
            TracingSettings.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4318", "OTEL_SDK_DISABLED", "true")))
        .isEmpty();
    assertThat(
            TracingSettings.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://o:4318",
                    "OTEL_TRACES_EXPORTER",
                    "none")))
        .isEmpty();
  }

  @Test
  void headerValuesNeverAppearInErrorsOrToString() {
    TracingSettings s =
        TracingSettings.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4318",
                    "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=sk-very-secret,x-team=a%20b"))
            .orElseThrow();
    assertThat(s.headers())
        .containsEntry("x-api-key", "sk-very-secret")
        .containsEntry("x-team", "a b");
    assertThat(s.toString()).doesNotContain("sk-very-secret").contains("x-api-key");
    assertThatThrownBy(
            () ->
                TracingSettings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4318",
                        "OTEL_EXPORTER_OTLP_HEADERS", "Bearer sk-very-secret")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS")
        .hasMessageNotContaining("sk-very-secret");
  }

  @Test
  void unusableValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(
            () -> TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "otel:4318")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThatThrownBy(
            () ->
                TracingSettings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4317",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("http/protobuf");
    assertThatThrownBy(
            () ->
                TracingSettings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4318",
                        "OTEL_EXPORTER_OTLP_TIMEOUT", "soon")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT");
    assertThatThrownBy(
            () ->
                TracingSettings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://o:4318",
                        "OTEL_TRACES_SAMPLER", "sometimes")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("OTEL_TRACES_SAMPLER");
  }
}
