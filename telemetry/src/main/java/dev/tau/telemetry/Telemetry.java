package dev.tau.telemetry;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where telemetry events go. {@link #disabled()} drops everything; {@link JsonlTelemetry} appends
 * one JSON object per line to a file. Emitting never throws for I/O problems: telemetry must not
 * fail the command it observes. Implementations are thread-safe.
 *
 * <p>Never pass a secret or a full prompt as a field value: pass lengths, counts and names. The
 * JSONL sink also scrubs values under secret-looking keys and URL credentials as a backstop.
 */
public interface Telemetry {

  /**
   * Records {@code event} with {@code fields} merged after the base fields ({@code ts_unix_ms},
   * {@code event}, {@code run_id}, {@code command}, {@code session_id}); a field of the same name
   * overwrites the base value.
   */
  void emit(TelemetryEvent event, ObjectNode fields);

  /**
   * Like {@link #emit(TelemetryEvent, ObjectNode)} with fields from a map (values: strings,
   * numbers, booleans, lists of strings).
   */
  default void emit(TelemetryEvent event, Map<String, ?> fields) {
    emit(event, Fields.of(fields));
  }

  /** An event with no payload. */
  default void emit(TelemetryEvent event) {
    emit(event, Map.of());
  }

  /** Whether events are written anywhere (false for {@link #disabled()}). */
  boolean enabled();

  /** The sink that drops every event. */
  static Telemetry disabled() {
    return Disabled.INSTANCE;
  }

  /** The no-op sink. */
  enum Disabled implements Telemetry {
    INSTANCE;

    @Override
    public void emit(TelemetryEvent event, ObjectNode fields) {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
