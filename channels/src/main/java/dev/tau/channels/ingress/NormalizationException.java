package dev.tau.channels.ingress;

/**
 * Thrown inside adapters when a payload cannot be normalised; {@link ChannelNormalizer} turns it
 * into a {@link Normalization.Rejected} value, so callers see a result, not an exception.
 */
public final class NormalizationException extends RuntimeException {
  private final IngressReason reason;

  public NormalizationException(IngressReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public IngressReason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
