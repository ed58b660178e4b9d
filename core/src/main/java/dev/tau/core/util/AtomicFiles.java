package dev.tau.core.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so readers see either the old or the new content, never a half-written one, and the
 * new content survives a crash once the call returns (temp file, fsync, rename, fsync of the
 * directory).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, false);
  }

  /**
   * Like {@link #write(Path, String)}, for files only their owner may read (secrets, pairing state,
   * connector state): the temp file, and so the file, is created {@code rw-------}, and directories
   * the call creates are {@code rwx------}, whatever the umask. On a file system without POSIX
   * permissions it writes as {@link #write(Path, String)} does.
   */
  public static void writeOwnerOnly(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Creates {@code dir} and its missing parents {@code rwx------} (where POSIX is supported). */
  public static void createOwnerOnlyDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (!posix(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createOwnerOnlyDirectories(parent);
    }
    try {
      Files.createDirectory(
          absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR)));
    } catch (FileAlreadyExistsException e) {
      // another writer made it first
    }
  }

  /**
   * The attributes that create a file {@code rw-------}, or none on a file system without POSIX
   * permissions.
   */
  public static FileAttribute<?>[] ownerOnlyFileAttributes(Path file) {
    return posix(file.toAbsolutePath())
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE))
        }
        : new FileAttribute<?>[0];
  }

  private static final String FILE = "rw-------";
  private static final String DIR = "rwx------";

  private static boolean posix(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    FileSystem fs = (existing == null ? path : existing).getFileSystem();
    return fs.supportedFileAttributeViews().contains("posix");
  }

  private static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (ownerOnly) {
      createOwnerOnlyDirectories(dir);
    } else {
      Files.createDirectories(dir);
    }
    // The temp file sits next to the target so the rename stays on one file system.
    Path temp =
        ownerOnly
            ? Files.createTempFile(
                dir, "." + target.getFileName() + ".", ".tmp", ownerOnlyFileAttributes(dir))
            : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot open or sync a directory; the rename itself is still atomic
    }
  }
}
