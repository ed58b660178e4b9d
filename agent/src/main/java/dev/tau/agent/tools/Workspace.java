package dev.tau.agent.tools;

import dev.tau.core.tool.ToolErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The directory every coding tool is confined to. {@link #resolve} turns a path argument into a
 * real path inside the root, refusing {@code ..} escapes, absolute paths outside the root and
 * symlinks (also dangling ones) that lead outside.
 */
public final class Workspace {
  // Same bound as the Linux kernel's ELOOP limit, so a symlink loop fails instead of spinning.
  private static final int MAX_LINKS = 40;

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /**
   * A workspace rooted at {@code dir}, which must be an existing directory.
   *
   * @throws IllegalArgumentException naming the directory when it does not exist or is a file
   */
  public static Workspace of(Path dir) {
    Path real;
    try {
      real = dir.toAbsolutePath().toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("workspace directory '" + dir + "' does not exist", e);
    }
    if (!Files.isDirectory(real)) {
      throw new IllegalArgumentException("workspace '" + dir + "' is not a directory");
    }
    return new Workspace(real);
  }

  /** The real (symlink-free) root directory. */
  public Path root() {
    return root;
  }

  /**
   * Resolves a path argument (relative to the root, or absolute) to the real path it designates,
   * with every existing symlink followed.
   *
   * @throws ToolFailure {@code PATH_OUTSIDE_WORKSPACE} when the path leads outside the root, {@code
   *     INVALID_ARGUMENTS} when it is blank or malformed
   */
  public Path resolve(String path) {
    if (path == null || path.isBlank()) {
      throw new ToolFailure(ToolErrorCode.INVALID_ARGUMENTS, "path must not be empty");
    }
    Path given;
    try {
      given = Path.of(path);
    } catch (InvalidPathException e) {
      throw new ToolFailure(
          ToolErrorCode.INVALID_ARGUMENTS, "path '" + path + "' is malformed: " + e.getReason());
    }
    // Only the real path decides: '..' escapes, absolute paths and symlinks all end up there.
    Path real = followLinks(root.resolve(given).normalize(), path);
    if (!real.startsWith(root)) {
      throw outside(path);
    }
    return real;
  }

  /** {@code path} relative to the root, for messages ({@code .} for the root itself). */
  public String display(Path path) {
    Path rel = root.relativize(path);
    return rel.toString().isEmpty() ? "." : rel.toString();
  }

  /**
   * The real path {@code lexical} designates: the deepest existing entry is resolved with its
   * symlinks, and a dangling symlink is followed by hand (it would be created outside on write).
   */
  private Path followLinks(Path lexical, String original) {
    Path current = lexical;
    for (int hops = 0; hops <= MAX_LINKS; hops++) {
      Deque<Path> missing = new ArrayDeque<>();
      Path existing = current;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        missing.push(existing.getFileName());
        existing = existing.getParent();
      }
      if (existing == null) {
        return current;
      }
      Path base;
      try {
        base = existing.toRealPath();
      } catch (IOException dangling) {
        // A dangling symlink somewhere in 'existing': follow the link text one hop by hand.
        current = oneHop(existing, original);
        while (!missing.isEmpty()) {
          current = current.resolve(missing.pop());
        }
        current = current.normalize();
        continue;
      }
      Path result = base;
      while (!missing.isEmpty()) {
        result = result.resolve(missing.pop());
      }
      return result.normalize();
    }
    throw new ToolFailure(
        ToolErrorCode.INVALID_ARGUMENTS,
        "path '" + original + "' has too many levels of symbolic links");
  }

  private Path oneHop(Path existing, String original) {
    // Find the first symlink from the top whose target is missing, and replace it by its target.
    Path prefix = existing.getRoot();
    for (Path part : existing) {
      Path next = prefix.resolve(part);
      if (Files.isSymbolicLink(next)) {
        try {
          Path target = Files.readSymbolicLink(next);
          Path resolved = next.getParent().resolve(target).normalize();
          return resolved.resolve(next.relativize(existing)).normalize();
        } catch (IOException e) {
          throw new ToolFailure(
              ToolErrorCode.IO_ERROR, "cannot read symbolic link in path '" + original + "'");
        }
      }
      prefix = next;
    }
    throw new ToolFailure(
        ToolErrorCode.IO_ERROR, "cannot resolve path '" + original + "': unreadable link");
  }

  private ToolFailure outside(String path) {
    return new ToolFailure(
        ToolErrorCode.PATH_OUTSIDE_WORKSPACE,
        "path '"
            + path
            + "' is outside the workspace "
            + root
            + "; use a path inside it (relative paths start at the workspace root)");
  }

  @Override
  public String toString() {
    return "Workspace[" + root + "]";
  }
}
