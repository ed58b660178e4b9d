package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * {@code read}: returns a text file's lines, optionally from line {@code offset} (1-based) for
 * {@code limit} lines. Output stops at the byte cap with a note saying how to continue.
 */
public final class ReadTool extends CodingTool {
  private final long maxBytes;

  public ReadTool(CodingToolsConfig config) {
    super(
        "read",
        "Read a UTF-8 text file in the workspace. Returns the file's text; use offset and limit"
            + " to read part of a large file.",
        Schema.object()
            .string("path", "File path, relative to the workspace root", true)
            .integer("offset", "First line to return, 1-based (default 1)", false)
            .integer("limit", "Most lines to return (default: all, up to the size cap)", false));
    this.maxBytes = config.maxReadBytes();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String pathArg = Args.string(args, "path");
    long offset = Args.integer(args, "offset", 1, 1, Integer.MAX_VALUE);
    long limit = Args.integer(args, "limit", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    Path file = workspace.resolve(pathArg);
    requireRegularFile(file, pathArg);
    StringBuilder out = new StringBuilder();
    long bytes = 0;
    long lineNo = 0;
    long returned = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = readLine(reader)) != null) {
        lineNo++;
        if (lineNo < offset) {
          continue;
        }
        if (returned == limit) {
          out.append("\n[more lines follow; continue with offset=").append(lineNo).append(']');
          return ToolResult.ok(out.toString());
        }
        long lineBytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes + lineBytes > maxBytes) {
          out.append("\n[output truncated at ")
              .append(maxBytes)
              .append(" bytes; continue with offset=")
              .append(lineNo)
              .append(']');
          return ToolResult.ok(out.toString());
        }
        out.append(line);
        bytes += lineBytes;
        returned++;
        context.cancellation().throwIfCancelled();
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS, "file '" + pathArg + "' is not UTF-8 text");
    }
    if (lineNo == 0) {
      return ToolResult.ok("[file is empty]");
    }
    if (lineNo < offset) {
      return ToolResult.ok(
          "[file has " + lineNo + " lines; offset " + offset + " is past the end]");
    }
    return ToolResult.ok(out.toString());
  }

  /** A line with its terminator kept, so the text reads back exactly as stored. */
  private static String readLine(BufferedReader reader) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = reader.read()) != -1) {
      sb.append((char) c);
      if (c == '\n') {
        break;
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }
}
