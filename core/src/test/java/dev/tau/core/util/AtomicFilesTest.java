package dev.tau.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void ownerOnlyWritesCreateTheFileAndMissingDirectoriesForTheOwnerOnly() throws Exception {
    Path target = dir.resolve("state/security/pairings.json");
    AtomicFiles.writeOwnerOnly(target, "{}\n");
    assertThat(Files.readString(target)).isEqualTo("{}\n");
    assertThat(perms(target)).isEqualTo("rw-------");
    assertThat(perms(target.getParent())).isEqualTo("rwx------");
    assertThat(perms(target.getParent().getParent())).isEqualTo("rwx------");
  }

  @Test
  void ownerOnlyReplacesAWorldReadableFileWithAnOwnerOnlyOne() throws Exception {
    Path target = dir.resolve("connector-state.json");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFiles.writeOwnerOnly(target, "new");
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(perms(target)).isEqualTo("rw-------");
    assertThat(dir.toFile().list()).containsExactly("connector-state.json");
  }

  private static String perms(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
