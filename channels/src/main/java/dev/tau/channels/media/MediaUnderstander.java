package dev.tau.channels.media;

import dev.tau.channels.Attachment;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.runtime.MediaPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of tau-spec §5.11, in order, per attachment: disabled → duplicate (the same url, case
 * ignored, as an earlier attachment) → more than {@code max_attachments} candidates → unsupported
 * kind → the {@link MediaReader}. A reader failure is a {@code failed} outcome ({@code
 * media_provider_error}), an attachment over the byte limit a skipped one ({@code
 * media_attachment_limit_exceeded}).
 */
public final class MediaUnderstander implements MediaUnderstanding {
  /** The shortest summary limit honoured (§5.11). */
  static final int SUMMARY_FLOOR = 16;

  private final MediaReader reader;

  public MediaUnderstander(MediaReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public MediaReport understand(InboundEvent event, MediaPolicy policy) {
    List<MediaOutcome> outcomes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int candidates = 0;
    int maxAttachments = Math.max(1, policy.maxAttachments());
    for (Attachment a : event.attachments()) {
      MediaKind kind = MediaKind.of(a);
      if (!policy.enabled()) {
        outcomes.add(
            skip(
                a,
                kind,
                MediaReason.MEDIA_UNDERSTANDING_DISABLED,
                "media understanding is disabled"));
        continue;
      }
      // the spec's identity is attachment_id:url, but ids are unique within a valid event, so
      // that never repeats; the same file linked twice (under two ids) is what is worth catching
      String identity = a.url().strip().toLowerCase(Locale.ROOT);
      if (!seen.add(identity)) {
        outcomes.add(
            skip(
                a,
                kind,
                MediaReason.MEDIA_DUPLICATE_ATTACHMENT,
                "same url as an earlier attachment of this event"));
        continue;
      }
      candidates++;
      if (candidates > maxAttachments) {
        outcomes.add(
            skip(
                a,
                kind,
                MediaReason.MEDIA_ATTACHMENT_LIMIT_EXCEEDED,
                "more than " + maxAttachments + " attachments in one event"));
        continue;
      }
      Optional<String> unsupported =
          kind == MediaKind.UNSUPPORTED
              ? Optional.of("unsupported attachment type")
              : reader.unsupported(kind);
      if (unsupported.isPresent()) {
        outcomes.add(
            skip(a, kind, MediaReason.MEDIA_UNSUPPORTED_ATTACHMENT_TYPE, unsupported.get()));
        continue;
      }
      outcomes.add(read(a, kind, policy.maxSummaryChars()));
    }
    return new MediaReport(outcomes);
  }

  private MediaOutcome read(Attachment a, MediaKind kind, int maxSummaryChars) {
    String text;
    try {
      text = reader.read(kind, a);
    } catch (MediaException e) {
      if (e.sizeLimit()) {
        return skip(a, kind, MediaReason.MEDIA_ATTACHMENT_LIMIT_EXCEEDED, e.getMessage());
      }
      return MediaOutcome.of(
          a,
          MediaDecision.FAILED,
          MediaReason.MEDIA_PROVIDER_ERROR,
          kind,
          true,
          "",
          false,
          e.retryable(),
          e.getMessage());
    }
    String flat = flatten(text);
    if (flat.isEmpty()) {
      return MediaOutcome.of(
          a,
          MediaDecision.FAILED,
          MediaReason.MEDIA_PROVIDER_ERROR,
          kind,
          true,
          "",
          false,
          false,
          "the " + kind.operation() + " call returned no text");
    }
    int limit = Math.max(SUMMARY_FLOOR, maxSummaryChars);
    boolean truncated = flat.codePointCount(0, flat.length()) > limit;
    String summary =
        truncated ? flat.substring(0, flat.offsetByCodePoints(0, limit - 1)) + "..." : flat;
    return MediaOutcome.of(
        a,
        MediaDecision.PROCESSED,
        kind.processedReason(),
        kind,
        true,
        summary,
        truncated,
        false,
        "");
  }

  private static MediaOutcome skip(
      Attachment a, MediaKind kind, MediaReason reason, String detail) {
    return MediaOutcome.of(a, MediaDecision.SKIPPED, reason, kind, false, "", false, false, detail);
  }

  /** Line breaks and runs of whitespace become single spaces; the result is trimmed. */
  static String flatten(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
