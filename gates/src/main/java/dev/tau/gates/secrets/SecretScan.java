package dev.tau.gates.secrets;

import dev.tau.gates.cli.GateArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * The secret-pattern scan of {@code make security-check}: every file of the tree (in a git work
 * tree: the tracked files plus untracked ones that are not ignored, so a key about to be committed
 * is caught too) is searched for {@link SecretPattern}s; matches not in the {@link Allowlist} fail
 * the gate. Binary files (a NUL byte in the first 8 KiB) and files over {@value #MAX_BYTES} bytes
 * are skipped and counted.
 *
 * <pre>
 * java -cp "gates/target/tau-gates.jar:gates/target/lib/*" dev.tau.gates.secrets.SecretScan \
 *     [--root .] [--allowlist security/secret-scan-allowlist.txt]
 * </pre>
 *
 * <p>Exit status: 0 no unaccepted finding, 1 findings (each printed as {@code path:line: pattern
 * preview}, never the secret itself), 2 bad options or an unreadable allowlist.
 */
public final class SecretScan {
  static final long MAX_BYTES = 2 * 1024 * 1024;
  static final String DEFAULT_ALLOWLIST = "security/secret-scan-allowlist.txt";
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".tau");
  private static final String USAGE =
      """
      usage: SecretScan [--root <dir>] [--allowlist <file>]
        --root       the tree to scan (default: the current directory)
        --allowlist  accepted fixtures, '<path> <pattern> <why>' per line
                     (default: <root>/security/secret-scan-allowlist.txt, if present)
      """;

  /**
   * What a scan saw.
   *
   * @param files files searched
   * @param skipped binary or oversized files not searched
   * @param findings every match, accepted or not, in path and line order
   */
  public record Report(int files, int skipped, List<Finding> findings) {
    public Report {
      findings = List.copyOf(findings);
    }
  }

  private SecretScan() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the scan as the command line asks; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path root;
    Path allowlistFile;
    boolean allowlistGiven;
    try {
      Map<String, String> options = GateArgs.parse(args, Set.of("--root", "--allowlist"));
      if (options.containsKey("--help")) {
        out.print(USAGE);
        return 0;
      }
      root = Path.of(options.getOrDefault("--root", ".")).toAbsolutePath().normalize();
      allowlistGiven = options.containsKey("--allowlist");
      allowlistFile =
          allowlistGiven ? Path.of(options.get("--allowlist")) : root.resolve(DEFAULT_ALLOWLIST);
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException("--root " + root + " is not a directory");
      }
    } catch (IllegalArgumentException e) {
      err.println("secret-scan: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Allowlist allowlist;
    try {
      allowlist =
          allowlistGiven || Files.exists(allowlistFile)
              ? Allowlist.load(allowlistFile)
              : Allowlist.empty();
    } catch (IOException e) {
      err.println("secret-scan: cannot read the allowlist " + allowlistFile + ": " + e);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("secret-scan: " + e.getMessage());
      return 2;
    }
    Report report;
    try {
      report = scan(root, listFiles(root));
    } catch (IOException | UncheckedIOException e) {
      err.println("secret-scan: cannot read the tree under " + root + ": " + e.getMessage());
      return 2;
    }
    List<Finding> refused = report.findings().stream().filter(f -> !allowlist.accepts(f)).toList();
    int accepted = report.findings().size() - refused.size();
    for (Allowlist.Entry stale : allowlist.unused(report.findings())) {
      err.println(
          "secret-scan: warning: allowlist line "
              + stale.line()
              + " ("
              + stale.path()
              + " "
              + stale.pattern().wire()
              + ") matches nothing any more; remove it");
    }
    refused.forEach(f -> out.println(f));
    out.printf(
        "secret-scan: %d files scanned (%d binary or large skipped), %d allowlisted fixture%s,"
            + " %d finding%s%n",
        report.files(),
        report.skipped(),
        accepted,
        accepted == 1 ? "" : "s",
        refused.size(),
        refused.size() == 1 ? "" : "s");
    if (!refused.isEmpty()) {
      err.println(
          "secret-scan: FAILED: "
              + refused.size()
              + " possible secret"
              + (refused.size() == 1 ? "" : "s")
              + " in the tree. Remove and rotate real credentials; list a deliberate test fixture"
              + " in "
              + DEFAULT_ALLOWLIST
              + " as '<path> <pattern> <why>'.");
      return 1;
    }
    return 0;
  }

  /**
   * Searches the given files.
   *
   * @param root the directory the paths are relative to
   * @param files relative paths with {@code /} separators; ones that do not exist are ignored
   */
  public static Report scan(Path root, List<String> files) throws IOException {
    int searched = 0;
    int skipped = 0;
    List<Finding> findings = new ArrayList<>();
    for (String relative : files.stream().sorted().toList()) {
      Path file = root.resolve(relative);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      if (Files.size(file) > MAX_BYTES) {
        skipped++;
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (isBinary(bytes)) {
        skipped++;
        continue;
      }
      searched++;
      // Latin-1 maps every byte to one char, so no file fails to decode; the shapes are ASCII
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        findings.addAll(match(relative, i + 1, lines[i]));
      }
    }
    return new Report(searched, skipped, findings);
  }

  private static List<Finding> match(String path, int line, String text) {
    List<Finding> found = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    for (SecretPattern pattern : SecretPattern.values()) {
      Matcher m = pattern.pattern().matcher(text);
      while (m.find()) {
        int start = m.start();
        // one finding per span: the first (most specific) pattern names it
        if (taken.stream().noneMatch(s -> start < s[1] && m.end() > s[0])) {
          taken.add(new int[] {start, m.end()});
          found.add(new Finding(path, line, pattern, Finding.mask(m.group())));
        }
      }
    }
    return found;
  }

  private static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The files to scan: in a git work tree, tracked files plus untracked ones git does not ignore;
   * elsewhere every file, skipping {@code .git}, {@code target}, {@code node_modules} and {@code
   * .tau} directories.
   */
  static List<String> listFiles(Path root) throws IOException {
    if (Files.exists(root.resolve(".git"))) {
      List<String> tracked = gitFiles(root);
      if (tracked != null) {
        return tracked;
      }
    }
    List<String> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              files.add(root.relativize(file).toString().replace('\\', '/'));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }

  /** {@code git ls-files}, or null when git is missing or fails. */
  private static List<String> gitFiles(Path root) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "git",
                "-C",
                root.toString(),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = builder.start();
    } catch (IOException noGit) {
      return null;
    }
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while listing files with git", e);
    }
    String listing = new String(output, StandardCharsets.UTF_8);
    return Arrays.stream(listing.split("\0")).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
