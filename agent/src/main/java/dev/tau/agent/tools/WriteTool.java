package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * {@code write}: creates or replaces a file with the given content, creating parent directories.
 * The write is atomic (temp file, then rename).
 */
public final class WriteTool extends CodingTool {
  private final long maxBytes;

  public WriteTool(CodingToolsConfig config) {
    super(
        "write",
        "Create or overwrite a file in the workspace with the given content. Parent directories"
            + " are created.",
        Schema.object()
            .string("path", "File path, relative to the workspace root", true)
            .string("content", "The complete new content of the file", true));
    this.maxBytes = config.maxWriteBytes();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String pathArg = Args.string(args, "path");
    String content = Args.string(args, "content");
    Path file = workspace.resolve(pathArg);
    if (Files.isDirectory(file)) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS, "path '" + pathArg + "' is a directory");
    }
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) {
      throw new ToolFailure(
          ToolErrorCode.TOO_LARGE,
          "content is " + bytes.length + " bytes; the limit is " + maxBytes + " bytes");
    }
    boolean existed = Files.exists(file);
    AtomicFiles.write(file, bytes);
    return ToolResult.ok(
        (existed ? "overwrote " : "created ")
            + workspace.display(file)
            + " ("
            + bytes.length
            + " bytes)");
  }
}
