package dev.tau.channels.media;

import java.util.Locale;

/**
 * Attachment-level media-understanding reason codes, persisted per event in the channel store
 * (runbook "Media understanding controls"; tau-spec §5.11).
 */
public enum MediaReason {
  MEDIA_IMAGE_DESCRIBED,
  MEDIA_AUDIO_TRANSCRIBED,
  MEDIA_VIDEO_SUMMARIZED,
  MEDIA_UNSUPPORTED_ATTACHMENT_TYPE,
  MEDIA_ATTACHMENT_LIMIT_EXCEEDED,
  MEDIA_DUPLICATE_ATTACHMENT,
  MEDIA_PROVIDER_ERROR,
  /** {@code --multi-channel-media-understanding=false} (tau-spec §5.11). */
  MEDIA_UNDERSTANDING_DISABLED;

  /** The snake_case code written to the store. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
