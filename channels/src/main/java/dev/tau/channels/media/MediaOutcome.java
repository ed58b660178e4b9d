package dev.tau.channels.media;

import dev.tau.channels.Attachment;
import dev.tau.core.json.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome for one attachment (tau-spec §5.11): the decision, its reason code, what was done and
 * the summary (newline-flattened, at most the policy's summary length).
 */
public record MediaOutcome(
    String attachmentId,
    MediaDecision decision,
    MediaReason reason,
    String mediaKind,
    String operation,
    String contentType,
    String fileName,
    long sizeBytes,
    String url,
    String summary,
    boolean truncated,
    boolean retryable,
    String detail) {

  public MediaOutcome {
    Objects.requireNonNull(attachmentId, "attachmentId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(mediaKind, "mediaKind");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(detail, "detail");
  }

  static MediaOutcome of(
      Attachment a,
      MediaDecision decision,
      MediaReason reason,
      MediaKind kind,
      boolean attempted,
      String summary,
      boolean truncated,
      boolean retryable,
      String detail) {
    return new MediaOutcome(
        a.attachmentId(),
        decision,
        reason,
        kind.wire(),
        attempted ? kind.operation() : "none",
        a.contentType(),
        a.fileName(),
        a.sizeBytes(),
        a.url(),
        summary,
        truncated,
        retryable,
        detail);
  }

  public int summaryChars() {
    return summary.codePointCount(0, summary.length());
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("attachment_id", attachmentId);
    node.put("decision", decision.wire());
    node.put("reason_code", reason.wire());
    node.put("media_kind", mediaKind);
    node.put("operation", operation);
    node.put("content_type", contentType);
    node.put("file_name", fileName);
    node.put("size_bytes", sizeBytes);
    node.put("url", url);
    node.put("summary", summary);
    node.put("summary_chars", summaryChars());
    node.put("truncated", truncated);
    node.put("retryable", retryable);
    node.put("detail", detail);
    return node;
  }

  /** Reads an outcome written by {@link #toJson()}; unknown codes are refused. */
  static MediaOutcome fromJson(JsonNode node) {
    return new MediaOutcome(
        Json.text(node, "attachment_id", ""),
        MediaDecision.valueOf(Json.text(node, "decision", "").toUpperCase(java.util.Locale.ROOT)),
        MediaReason.valueOf(Json.text(node, "reason_code", "").toUpperCase(java.util.Locale.ROOT)),
        Json.text(node, "media_kind", ""),
        Json.text(node, "operation", ""),
        Json.text(node, "content_type", ""),
        Json.text(node, "file_name", ""),
        node.path("size_bytes").asLong(0),
        Json.text(node, "url", ""),
        Json.text(node, "summary", ""),
        node.path("truncated").asBoolean(false),
        node.path("retryable").asBoolean(false),
        Json.text(node, "detail", ""));
  }

  /** The prompt/context line (§5.11). */
  String promptLine() {
    StringBuilder line =
        new StringBuilder("- attachment_id=")
            .append(attachmentId)
            .append(" decision=")
            .append(decision.wire())
            .append(" media_kind=")
            .append(mediaKind)
            .append(" operation=")
            .append(operation)
            .append(" reason_code=")
            .append(reason.wire());
    if (!summary.isEmpty()) {
      line.append(" summary=").append(summary);
    }
    if (retryable) {
      line.append(" retryable=true");
    }
    if (!detail.isEmpty()) {
      line.append(" detail=").append(MediaUnderstander.flatten(detail));
    }
    return line.toString();
  }
}
