package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code ls}: lists a directory, sorted by name; directories end in {@code /}, links in {@code @}.
 */
public final class LsTool extends CodingTool {
  private final int maxResults;

  public LsTool(CodingToolsConfig config) {
    super(
        "ls",
        "List the entries of a directory in the workspace. Directories end with '/'.",
        Schema.object()
            .string("path", "Directory path, relative to the workspace root (default '.')", false));
    this.maxResults = config.maxResults();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String pathArg = Args.optionalString(args, "path").orElse(".");
    Path dir = workspace.resolve(pathArg);
    if (!Files.exists(dir)) {
      throw new ToolFailure(ToolErrorCode.NOT_FOUND, "directory '" + pathArg + "' does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS,
          "path '" + pathArg + "' is a file, not a directory; use read to see it");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(
          p -> {
            String name = p.getFileName().toString();
            if (Files.isSymbolicLink(p)) {
              names.add(name + "@");
            } else if (Files.isDirectory(p)) {
              names.add(name + "/");
            } else {
              names.add(name);
            }
          });
    }
    if (names.isEmpty()) {
      return ToolResult.ok("(empty directory)");
    }
    names.sort(null);
    return ToolResult.ok(Listing.capped(names, maxResults, "entries"));
  }
}
