package dev.tau.otel;

import dev.tau.agent.AgentListener;
import dev.tau.agent.RunObserver;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry traces of agent runs, exported over OTLP/HTTP, off unless configured ({@link
 * TracingSettings#fromEnv}). As a {@link RunObserver} it gives each run a {@link RunTrace}: an
 * {@code invoke_agent} span with a {@code chat <model>} span per model call and an {@code
 * execute_tool <name>} span per tool call under it, with the GenAI semantic-convention attributes
 * and never a prompt or a completion. When off it holds no SDK object, starts no thread and its
 * listeners do nothing. {@link #close} sends the spans still queued and stops the exporter.
 */
public final class Tracing implements RunObserver, AutoCloseable {
  /** The instrumentation scope of Tau's spans. */
  public static final String SCOPE = "dev.tau";

  private static final Tracing DISABLED = new Tracing(null, null);

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private Tracing(SdkTracerProvider provider, Tracer tracer) {
    this.provider = provider;
    this.tracer = tracer;
  }

  /** Tracing that records nothing. */
  public static Tracing disabled() {
    return DISABLED;
  }

  /**
   * Tracing as the environment configures it: on when an OTLP endpoint is set, else disabled.
   *
   * @throws dev.tau.core.error.InputException naming the variable when a value cannot be used
   */
  public static Tracing fromEnv(Map<String, String> env) {
    Optional<TracingSettings> settings = TracingSettings.fromEnv(env);
    return settings.isPresent() ? start(settings.get()) : DISABLED;
  }

  /** Tracing that exports with {@code settings}. */
  public static Tracing start(TracingSettings settings) {
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.endpoint().toString())
            .setTimeout(settings.timeout())
            .setCompression(settings.gzip() ? "gzip" : "none");
    settings.headers().forEach(exporter::addHeader);
    AttributesBuilder resource = Attributes.builder();
    settings.resourceAttributes().forEach(resource::put);
    resource.put("service.name", settings.serviceName());
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(resource.build())))
            .setSampler(sampler(settings))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter.build())
                    .setScheduleDelay(settings.scheduleDelay())
                    .build())
            .build();
    return new Tracing(provider, provider.get(SCOPE));
  }

  private static Sampler sampler(TracingSettings settings) {
    return switch (settings.sampler()) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(settings.samplerRatio());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" ->
          Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplerRatio()));
      default -> Sampler.parentBased(Sampler.alwaysOn());
    };
  }

  /** Whether spans are recorded and exported. */
  public boolean enabled() {
    return provider != null;
  }

  /** The listener tracing one run; it does nothing when tracing is off. */
  @Override
  public AgentListener start(SessionId session, ModelRef model) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(model, "model");
    return enabled() ? new RunTrace(tracer, session, model) : AgentListener.NONE;
  }

  /** Exports the spans still queued (waiting up to 10 s) and stops the exporter. */
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
