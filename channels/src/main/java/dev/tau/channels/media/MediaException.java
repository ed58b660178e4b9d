package dev.tau.channels.media;

/**
 * Reading an attachment failed: the download (refused URL, HTTP error, timeout, size limit) or the
 * model or transcription call. The message is safe to store (no credentials) and says what went
 * wrong.
 */
public final class MediaException extends RuntimeException {
  private final boolean retryable;
  private final boolean sizeLimit;

  public MediaException(String message, boolean retryable) {
    this(message, retryable, false);
  }

  private MediaException(String message, boolean retryable, boolean sizeLimit) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.sizeLimit = sizeLimit;
  }

  /** The attachment is larger than the byte limit; nothing beyond the limit was downloaded. */
  public static MediaException tooLarge(String message) {
    return new MediaException(message, false, true);
  }

  /** Whether the same attachment may succeed later (rate limit, 5xx, timeout). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether the attachment exceeded the byte limit (skipped, not failed). */
  public boolean sizeLimit() {
    return sizeLimit;
  }
}
