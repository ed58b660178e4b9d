package dev.tau.gateway.http;

/** Hears about every finished request (metrics, telemetry). Must be quick and never throw. */
@FunctionalInterface
public interface RequestObserver {
  RequestObserver NONE = (route, status, nanos) -> {};

  void completed(Route route, int status, long durationNanos);
}
