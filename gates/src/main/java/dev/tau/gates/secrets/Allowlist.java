package dev.tau.gates.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deliberate credential-shaped fixtures the tree scan accepts, one per line: {@code <path>
 * <pattern> <why>}. The path is relative to the scanned root with {@code /} separators and must
 * match exactly; the pattern is a {@link SecretPattern#wire()} label; the reason is required, so
 * every exception says why it is safe. Blank lines and lines starting with {@code #} are ignored.
 *
 * @param entries the accepted (path, pattern) pairs
 */
public record Allowlist(List<Entry> entries) {
  public Allowlist {
    entries = List.copyOf(entries);
  }

  /**
   * One accepted fixture.
   *
   * @param path the file, relative to the scanned root
   * @param pattern the shape accepted in that file
   * @param reason why the match is not a real credential
   * @param line the line of the allowlist file, for messages
   */
  public record Entry(String path, SecretPattern pattern, String reason, int line) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public static Allowlist empty() {
    return new Allowlist(List.of());
  }

  /** Whether a finding is an accepted fixture. */
  public boolean accepts(Finding finding) {
    return entries.stream()
        .anyMatch(e -> e.path().equals(finding.path()) && e.pattern() == finding.pattern());
  }

  /** Entries that accepted none of {@code findings}: fixtures that have gone, to be removed. */
  public List<Entry> unused(List<Finding> findings) {
    return entries.stream()
        .filter(
            e ->
                findings.stream()
                    .noneMatch(f -> e.path().equals(f.path()) && e.pattern() == f.pattern()))
        .toList();
  }

  /**
   * Reads an allowlist file.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static Allowlist load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses allowlist text.
   *
   * @param source the file name, for messages
   * @throws IllegalArgumentException naming the source and line of a malformed entry
   */
  public static Allowlist parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+", 3);
      if (fields.length < 3) {
        throw new IllegalArgumentException(
            source
                + " line "
                + (i + 1)
                + ": expected '<path> <pattern> <why it is not a real secret>'");
      }
      SecretPattern pattern;
      try {
        pattern = SecretPattern.fromWire(fields[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      if (fields[0].startsWith("/") || fields[0].contains("\\") || fields[0].contains("..")) {
        throw new IllegalArgumentException(
            source
                + " line "
                + (i + 1)
                + ": the path must be relative to the repository root, with '/' separators");
      }
      entries.add(new Entry(fields[0], pattern, fields[2], i + 1));
    }
    return new Allowlist(entries);
  }
}
