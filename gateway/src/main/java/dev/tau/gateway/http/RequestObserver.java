package dev.tau.gateway.http;

import java.util.List;

/** Hears about every finished request (metrics, telemetry). Must be quick and never throw. */
@FunctionalInterface
public interface RequestObserver {
  RequestObserver NONE = (route, status, nanos) -> {};

  void completed(Route route, int status, long durationNanos);

  /** One observer that tells each of {@code observers}, in order. */
  static RequestObserver all(List<? extends RequestObserver> observers) {
    List<RequestObserver> each = List.copyOf(observers);
    return (route, status, nanos) -> {
      for (RequestObserver observer : each) {
        observer.completed(route, status, nanos);
      }
    };
  }
}
