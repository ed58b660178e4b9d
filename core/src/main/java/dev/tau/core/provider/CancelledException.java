package dev.tau.core.provider;

/** The caller cancelled the work. Not an error to report, not retryable. */
public final class CancelledException extends RuntimeException {
  public CancelledException() {
    super("cancelled", null, false, false);
  }
}
