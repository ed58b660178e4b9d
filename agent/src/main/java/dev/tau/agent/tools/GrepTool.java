package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * {@code grep}: searches file contents for a Java regular expression and returns {@code
 * path:line:text} lines. Binary files, files over 10 MB and {@code .git} are skipped; results and
 * line lengths are capped.
 */
public final class GrepTool extends CodingTool {
  private static final long MAX_FILE_BYTES = 10_000_000;
  private static final int MAX_LINE_CHARS = 300;
  private static final int BINARY_PROBE_BYTES = 8192;

  private final int maxResults;

  public GrepTool(CodingToolsConfig config) {
    super(
        "grep",
        "Search file contents in the workspace with a regular expression (Java syntax). Returns"
            + " matching lines as path:line:text.",
        Schema.object()
            .string("pattern", "Regular expression to search for", true)
            .string("path", "File or directory to search (default: the workspace root)", false)
            .string(
                "glob",
                "Only search files matching this glob, for example '*.java' (matched against the"
                    + " file name, or the relative path when it contains '/')",
                false)
            .bool("ignore_case", "Match case-insensitively (default false)", false));
    this.maxResults = config.maxResults();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String regex = Args.string(args, "pattern");
    boolean ignoreCase = Args.bool(args, "ignore_case", false);
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      throw ToolFailure.invalid(
          "pattern", "is not a valid regular expression: " + e.getDescription());
    }
    Optional<PathGlob> filter =
        Args.optionalString(args, "glob").map(g -> PathGlob.ofFileFilter(g, "glob"));
    String pathArg = Args.optionalString(args, "path").orElse(".");
    Path start = workspace.resolve(pathArg);
    if (!Files.exists(start)) {
      throw new ToolFailure(ToolErrorCode.NOT_FOUND, "path '" + pathArg + "' does not exist");
    }
    if (!Files.isDirectory(start)) {
      requireRegularFile(start, pathArg);
    }
    List<String> hits = new ArrayList<>();
    // One more than the cap, so we know whether to say results were left out.
    int wanted = maxResults + 1;
    TreeWalk.files(
        start,
        context.cancellation(),
        file -> {
          if (Files.size(file) > MAX_FILE_BYTES) {
            return true;
          }
          if (filter.isPresent() && !filter.get().matches(workspace.root().relativize(file))) {
            return true;
          }
          try {
            search(file, workspace.display(file), pattern, hits, wanted);
          } catch (IOException unreadable) {
            // Skip files we cannot read, like grep -rs does; the other matches still count.
          }
          return hits.size() < wanted;
        });
    if (hits.isEmpty()) {
      return ToolResult.ok("no matches for '" + regex + "'");
    }
    if (hits.size() > maxResults) {
      return ToolResult.ok(
          String.join("\n", hits.subList(0, maxResults))
              + "\n[more matches not shown; narrow the pattern, path or glob]");
    }
    return ToolResult.ok(String.join("\n", hits));
  }

  private static void search(
      Path file, String shown, Pattern pattern, List<String> hits, int wanted) throws IOException {
    if (isBinary(file)) {
      return;
    }
    // A lenient decoder: a stray non-UTF-8 byte should not hide the rest of the file.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null && hits.size() < wanted) {
        lineNo++;
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          String text =
              line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
          hits.add(shown + ":" + lineNo + ":" + text);
        }
      }
    }
  }

  private static boolean isBinary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] probe = in.readNBytes(BINARY_PROBE_BYTES);
      for (byte b : probe) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }
}
