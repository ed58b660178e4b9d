package dev.tau.channels.media;

import dev.tau.channels.Attachment;
import java.util.Locale;
import java.util.Set;

/**
 * What an attachment is (tau-spec §5.11): from the content-type prefix, else the extension of the
 * file name, else of the URL path (query and fragment stripped).
 */
public enum MediaKind {
  IMAGE("image", "describe", MediaReason.MEDIA_IMAGE_DESCRIBED),
  AUDIO("audio", "transcribe", MediaReason.MEDIA_AUDIO_TRANSCRIBED),
  VIDEO("video", "summarize", MediaReason.MEDIA_VIDEO_SUMMARIZED),
  UNSUPPORTED("unsupported", "none", MediaReason.MEDIA_UNSUPPORTED_ATTACHMENT_TYPE);

  private static final Set<String> IMAGE_EXT =
      Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff");
  private static final Set<String> AUDIO_EXT =
      Set.of("mp3", "wav", "m4a", "ogg", "flac", "aac", "opus");
  private static final Set<String> VIDEO_EXT = Set.of("mp4", "mov", "m4v", "avi", "mkv", "webm");

  private final String wire;
  private final String operation;
  private final MediaReason processed;

  MediaKind(String wire, String operation, MediaReason processed) {
    this.wire = wire;
    this.operation = operation;
    this.processed = processed;
  }

  /** {@code image|audio|video|unsupported}. */
  public String wire() {
    return wire;
  }

  /** {@code describe|transcribe|summarize|none}. */
  public String operation() {
    return operation;
  }

  /** The reason code of a processed attachment of this kind. */
  public MediaReason processedReason() {
    return processed;
  }

  public static MediaKind of(Attachment attachment) {
    String type = attachment.contentType().strip().toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return IMAGE;
    }
    if (type.startsWith("audio/")) {
      return AUDIO;
    }
    if (type.startsWith("video/")) {
      return VIDEO;
    }
    String name = attachment.fileName().strip();
    if (name.isEmpty()) {
      name = attachment.url().replaceAll("[?#].*$", "");
    }
    String ext = extension(name);
    if (IMAGE_EXT.contains(ext)) {
      return IMAGE;
    }
    if (AUDIO_EXT.contains(ext)) {
      return AUDIO;
    }
    if (VIDEO_EXT.contains(ext)) {
      return VIDEO;
    }
    return UNSUPPORTED;
  }

  private static String extension(String name) {
    int slash = name.lastIndexOf('/');
    String last = slash >= 0 ? name.substring(slash + 1) : name;
    int dot = last.lastIndexOf('.');
    return dot < 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
