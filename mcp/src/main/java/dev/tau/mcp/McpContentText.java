package dev.tau.mcp;

import dev.tau.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Turns a tool result's content blocks into the text the model reads. */
final class McpContentText {
  /** Longest text handed to the model from one call; the rest is cut with a note. */
  static final int MAX_CHARS = 100_000;

  private McpContentText() {}

  static String of(McpSchema.CallToolResult result) {
    StringBuilder out = new StringBuilder();
    List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
    for (McpSchema.Content block : content) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(block(block));
    }
    if (out.isEmpty() && result.structuredContent() != null) {
      out.append(Json.write(Json.mapper().valueToTree(result.structuredContent())));
    }
    if (out.length() > MAX_CHARS) {
      int total = out.length();
      out.setLength(MAX_CHARS);
      out.append("\n[output truncated: ").append(total).append(" characters in all]");
    }
    return out.toString();
  }

  private static String block(McpSchema.Content block) {
    return switch (block) {
      case McpSchema.TextContent text -> text.text() == null ? "" : text.text();
      case McpSchema.ImageContent image -> binary("image", image.mimeType(), image.data());
      case McpSchema.AudioContent audio -> binary("audio", audio.mimeType(), audio.data());
      case McpSchema.ResourceLink link -> "[resource link: " + link.uri() + "]";
      case McpSchema.EmbeddedResource embedded ->
          switch (embedded.resource()) {
            case McpSchema.TextResourceContents text -> text.text();
            case McpSchema.BlobResourceContents blob ->
                "[resource "
                    + blob.uri()
                    + ": "
                    + binary("blob", blob.mimeType(), blob.blob())
                    + "]";
            default -> "[resource " + embedded.resource().uri() + "]";
          };
      default -> "[" + block.type() + " content]";
    };
  }

  private static String binary(String kind, String mimeType, String base64) {
    long bytes = base64 == null ? 0 : base64.length() * 3L / 4;
    return "["
        + kind
        + ": "
        + (mimeType == null ? "unknown type" : mimeType)
        + ", about "
        + bytes
        + " bytes, not shown]";
  }
}
