package dev.tau.agent.tools;

import dev.tau.core.provider.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Visits the regular files under a directory in sorted order (so results are deterministic),
 * without following symlinks (so the walk cannot leave the workspace) and skipping {@code .git}.
 */
final class TreeWalk {
  /** Receives each file; returns false to stop the walk. */
  @FunctionalInterface
  interface FileVisitor {
    boolean visit(Path file) throws IOException;
  }

  private TreeWalk() {}

  static void files(Path start, Cancellation cancellation, FileVisitor visitor) throws IOException {
    if (Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS)) {
      visitor.visit(start);
      return;
    }
    walk(start, cancellation, visitor);
  }

  private static boolean walk(Path dir, Cancellation cancellation, FileVisitor visitor)
      throws IOException {
    cancellation.throwIfCancelled();
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted().toList();
    } catch (IOException unreadable) {
      // An unreadable directory is skipped, like find and grep -r do.
      return true;
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        if (!entry.getFileName().toString().equals(".git") && !walk(entry, cancellation, visitor)) {
          return false;
        }
      } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !visitor.visit(entry)) {
        return false;
      }
    }
    return true;
  }
}
