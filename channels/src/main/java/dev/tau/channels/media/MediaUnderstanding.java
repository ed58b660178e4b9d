package dev.tau.channels.media;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.runtime.MediaPolicy;

/**
 * What the runner calls for an allowed event with attachments: one outcome per attachment, never an
 * exception (a failed download or model call is a {@code failed} outcome).
 */
@FunctionalInterface
public interface MediaUnderstanding {

  MediaReport understand(InboundEvent event, MediaPolicy policy);

  /**
   * The built-in, deterministic understanding from attachment metadata only (tau-spec §5.11):
   * nothing is downloaded. Used with the offline provider and when nothing else is wired.
   */
  static MediaUnderstanding metadataOnly() {
    return new MediaUnderstander(new MetadataReader());
  }
}
