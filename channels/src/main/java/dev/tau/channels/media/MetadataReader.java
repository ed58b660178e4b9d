package dev.tau.channels.media;

import dev.tau.channels.Attachment;
import java.util.Optional;

/**
 * The deterministic, metadata-only reader of tau-spec §5.11: it downloads nothing and states what
 * the attachment claims to be.
 */
final class MetadataReader implements MediaReader {

  @Override
  public Optional<String> unsupported(MediaKind kind) {
    return kind == MediaKind.UNSUPPORTED
        ? Optional.of("no reader for this attachment type")
        : Optional.empty();
  }

  @Override
  public String read(MediaKind kind, Attachment a) {
    String name = a.fileName().isBlank() ? a.attachmentId() : a.fileName();
    String what =
        switch (kind) {
          case IMAGE -> "Image '" + name + "' described";
          case AUDIO -> "Audio '" + name + "' transcribed";
          case VIDEO -> "Video '" + name + "' summarized";
          case UNSUPPORTED -> throw new IllegalArgumentException("unsupported kind");
        };
    return what
        + " from metadata (content_type='"
        + a.contentType()
        + "', size_bytes="
        + a.sizeBytes()
        + ", source='"
        + a.url()
        + "').";
  }
}
