package dev.tau.cli.telemetry;

import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** Keeps every emitted event in order. */
final class RecordingTelemetry implements Telemetry {
  record Emitted(TelemetryEvent event, ObjectNode fields) {}

  final List<Emitted> events = new CopyOnWriteArrayList<>();

  @Override
  public void emit(TelemetryEvent event, ObjectNode fields) {
    events.add(new Emitted(event, fields));
  }

  @Override
  public boolean enabled() {
    return true;
  }

  List<TelemetryEvent> names() {
    return events.stream().map(Emitted::event).toList();
  }
}
