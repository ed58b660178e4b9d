package dev.tau.channels;

import dev.tau.core.json.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attachment of an inbound event (tau-spec §5.2). Optional parts are empty strings or 0; the
 * event validates ids, urls and content types as a whole.
 */
public record Attachment(
    String attachmentId, String url, String contentType, String fileName, long sizeBytes) {

  public Attachment {
    Objects.requireNonNull(attachmentId, "attachment_id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(contentType, "content_type");
    Objects.requireNonNull(fileName, "file_name");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("size_bytes must not be negative");
    }
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("attachment_id", attachmentId);
    node.put("url", url);
    node.put("content_type", contentType);
    node.put("file_name", fileName);
    node.put("size_bytes", sizeBytes);
    return node;
  }
}
