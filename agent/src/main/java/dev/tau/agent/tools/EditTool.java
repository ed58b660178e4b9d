package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * {@code edit}: replaces {@code old_text} with {@code new_text} in a file. The old text must occur
 * exactly once; zero or several matches fail with {@code EDIT_MISMATCH} and the count, and the file
 * is left untouched.
 */
public final class EditTool extends CodingTool {
  private final long maxBytes;

  public EditTool(CodingToolsConfig config) {
    super(
        "edit",
        "Replace text in a file. old_text must match the file's current text exactly (including"
            + " whitespace) and exactly once; include surrounding lines to make it unique.",
        Schema.object()
            .string("path", "File path, relative to the workspace root", true)
            .string("old_text", "The exact text to replace; must occur exactly once", true)
            .string("new_text", "The replacement text", true));
    this.maxBytes = config.maxWriteBytes();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String pathArg = Args.string(args, "path");
    String oldText = Args.string(args, "old_text");
    String newText = Args.string(args, "new_text");
    if (oldText.isEmpty()) {
      throw ToolFailure.invalid("old_text", "must not be empty");
    }
    Path file = workspace.resolve(pathArg);
    requireRegularFile(file, pathArg);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS, "file '" + pathArg + "' is not UTF-8 text");
    }
    int count = countOccurrences(text, oldText);
    if (count != 1) {
      String hint =
          count == 0
              ? "read the file and copy the text exactly, including whitespace"
              : "include more surrounding text so it matches exactly once";
      throw new ToolFailure(
          ToolErrorCode.EDIT_MISMATCH,
          "old_text matched "
              + count
              + " times in '"
              + pathArg
              + "' (expected exactly 1); "
              + hint);
    }
    int at = text.indexOf(oldText);
    String updated = text.substring(0, at) + newText + text.substring(at + oldText.length());
    byte[] bytes = updated.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) {
      throw new ToolFailure(
          ToolErrorCode.TOO_LARGE,
          "the edited file would be " + bytes.length + " bytes; the limit is " + maxBytes);
    }
    AtomicFiles.write(file, bytes);
    long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return ToolResult.ok("edited " + workspace.display(file) + " at line " + line);
  }

  /** Counts matches, overlapping ones included: "aa" in "aaa" is ambiguous, so it counts twice. */
  static int countOccurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
