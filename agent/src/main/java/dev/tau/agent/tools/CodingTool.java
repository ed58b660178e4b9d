package dev.tau.agent.tools;

import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The shared boundary of the coding tools: resolves the workspace, and turns {@link ToolFailure}s
 * and I/O errors into {@link ToolResult.Failed} values the model can read.
 */
abstract sealed class CodingTool implements Tool
    permits ReadTool, WriteTool, EditTool, BashTool, LsTool, GlobTool, GrepTool {
  private final ToolDefinition definition;

  CodingTool(String name, String description, Schema schema) {
    this.definition = new ToolDefinition(name, description, schema.build());
  }

  @Override
  public final ToolDefinition definition() {
    return definition;
  }

  @Override
  public final ToolResult execute(JsonNode arguments, ToolContext context) {
    if (arguments == null || !arguments.isObject()) {
      return ToolResult.failed(ToolErrorCode.INVALID_ARGUMENTS, "arguments must be a JSON object");
    }
    Workspace workspace;
    try {
      workspace = Workspace.of(context.workspace());
    } catch (IllegalArgumentException e) {
      return ToolResult.failed(ToolErrorCode.IO_ERROR, e.getMessage());
    }
    try {
      return run(arguments, workspace, context);
    } catch (ToolFailure failure) {
      return failure.toResult();
    } catch (NoSuchFileException e) {
      return ToolResult.failed(
          ToolErrorCode.NOT_FOUND, "not found: " + shown(workspace, e.getFile()));
    } catch (NotDirectoryException e) {
      return ToolResult.failed(
          ToolErrorCode.IO_ERROR, "not a directory: " + shown(workspace, e.getFile()));
    } catch (AccessDeniedException e) {
      return ToolResult.failed(
          ToolErrorCode.IO_ERROR, "permission denied: " + shown(workspace, e.getFile()));
    } catch (IOException e) {
      return ToolResult.failed(ToolErrorCode.IO_ERROR, definition.name() + " failed: " + e);
    } catch (UncheckedIOException e) {
      return ToolResult.failed(
          ToolErrorCode.IO_ERROR, definition.name() + " failed: " + e.getCause());
    }
  }

  /** Does the tool's work; failures the model should read are thrown as {@link ToolFailure}. */
  abstract ToolResult run(JsonNode args, Workspace workspace, ToolContext context)
      throws IOException;

  /**
   * Fails unless {@code file} is a regular file: opening a FIFO would block until a writer comes,
   * and a device such as {@code /dev/zero} never ends.
   *
   * @param pathArg the path as the model gave it, for the message
   */
  static void requireRegularFile(Path file, String pathArg) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ToolFailure(ToolErrorCode.NOT_FOUND, "file '" + pathArg + "' does not exist");
    }
    if (attributes.isDirectory()) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS,
          "path '" + pathArg + "' is a directory; use ls to list it");
    }
    if (!attributes.isRegularFile()) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS,
          "path '"
              + pathArg
              + "' is not a regular file (a FIFO, socket or device); only regular files can be"
              + " read or edited");
    }
  }

  private static String shown(Workspace workspace, String file) {
    if (file == null) {
      return "(unknown path)";
    }
    Path p = Path.of(file);
    return p.startsWith(workspace.root()) ? workspace.display(p) : file;
  }
}
