package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code glob}: finds files whose workspace-relative path matches a glob such as {@code
 * src/**}{@code /*.java}. Symlinks are not followed (so the walk cannot leave the workspace), and
 * {@code .git} is skipped.
 */
public final class GlobTool extends CodingTool {
  private final int maxResults;

  public GlobTool(CodingToolsConfig config) {
    super(
        "glob",
        "Find files in the workspace by glob pattern, for example '**/*.java' or 'src/*.md'."
            + " Returns matching paths relative to the workspace root, sorted.",
        Schema.object()
            .string("pattern", "Glob pattern matched against workspace-relative paths", true)
            .string("path", "Directory to search from (default: the workspace root)", false));
    this.maxResults = config.maxResults();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String pattern = Args.string(args, "pattern");
    PathGlob glob = PathGlob.ofPath(pattern, "pattern");
    String pathArg = Args.optionalString(args, "path").orElse(".");
    Path base = workspace.resolve(pathArg);
    if (!Files.isDirectory(base)) {
      throw new ToolFailure(ToolErrorCode.NOT_FOUND, "directory '" + pathArg + "' does not exist");
    }
    List<String> found = new ArrayList<>();
    TreeWalk.files(
        base,
        context.cancellation(),
        file -> {
          if (glob.matches(base.relativize(file))) {
            found.add(workspace.display(file));
          }
          return true;
        });
    if (found.isEmpty()) {
      return ToolResult.ok("no files match '" + pattern + "'");
    }
    found.sort(null);
    return ToolResult.ok(Listing.capped(found, maxResults, "files"));
  }
}
