package dev.tau.core.provider;

/** Receives stream events on the calling thread, in order. */
@FunctionalInterface
public interface StreamSink {
  StreamSink DISCARD = event -> {};

  void accept(StreamEvent event);
}
