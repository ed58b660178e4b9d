package dev.tau.channels.runtime;

import dev.tau.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The media-understanding limits the runner was started with (runbook "Media understanding
 * controls"), recorded as {@code media_policy} in {@code state.json} and the status report.
 */
public record MediaPolicy(boolean enabled, int maxAttachments, int maxSummaryChars) {

  public static final MediaPolicy DEFAULTS = new MediaPolicy(true, 4, 280);

  public MediaPolicy {
    if (maxAttachments <= 0) {
      throw new IllegalArgumentException("multi-channel-media-max-attachments must be > 0");
    }
    if (maxSummaryChars <= 0) {
      throw new IllegalArgumentException("multi-channel-media-max-summary-chars must be > 0");
    }
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("media_understanding_enabled", enabled);
    node.put("max_attachments", maxAttachments);
    node.put("max_summary_chars", maxSummaryChars);
    return node;
  }
}
