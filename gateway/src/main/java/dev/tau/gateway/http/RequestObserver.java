package dev.tau.gateway.http;

import java.util.List;

/** Hears about every finished request (metrics, telemetry). Must be quick and never throw. */
@FunctionalInterface
public interface RequestObserver {
  RequestObserver NONE = (route, status, nanos) -> {};

  void completed(Route route, int status, long durationNanos);

  /** A request on {@code route} failed with {@code code} (before {@link #completed} for it). */
  default void failed(Route route, ErrorCode code) {}

  /** One observer that tells each of {@code observers}, in order. */
  static RequestObserver all(List<? extends RequestObserver> observers) {
    List<RequestObserver> each = List.copyOf(observers);
    return new RequestObserver() {
      @Override
      public void completed(Route route, int status, long durationNanos) {
        for (RequestObserver observer : each) {
          observer.completed(route, status, durationNanos);
        }
      }

      @Override
      public void failed(Route route, ErrorCode code) {
        for (RequestObserver observer : each) {
          observer.failed(route, code);
        }
      }
    };
  }
}
