package dev.tau.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.tool.ToolErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path dir;
  @TempDir Path outside;
  Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = Workspace.of(dir);
  }

  @Test
  void resolvesRelativePathsAgainstTheRealRoot() throws Exception {
    assertThat(workspace.resolve("src/Main.java"))
        .isEqualTo(dir.toRealPath().resolve("src/Main.java"));
    assertThat(workspace.resolve(".")).isEqualTo(dir.toRealPath());
  }

  @Test
  void acceptsDotDotThatStaysInside() throws Exception {
    assertThat(workspace.resolve("a/../b.txt")).isEqualTo(dir.toRealPath().resolve("b.txt"));
  }

  @Test
  void acceptsAbsolutePathsInsideTheRoot() throws Exception {
    Path inside = dir.toRealPath().resolve("x.txt");
    assertThat(workspace.resolve(inside.toString())).isEqualTo(inside);
  }

  @Test
  void acceptsAbsolutePathsThroughASymlinkedAliasOfTheRoot() throws Exception {
    Path alias = outside.resolve("alias");
    Files.createSymbolicLink(alias, dir);
    assertThat(workspace.resolve(alias.resolve("x.txt").toString()))
        .isEqualTo(dir.toRealPath().resolve("x.txt"));
  }

  @Test
  void refusesDotDotEscape() {
    assertOutside("../x");
    assertOutside("a/../../x");
  }

  @Test
  void refusesAbsolutePathsOutside() {
    assertOutside("/etc/passwd");
  }

  @Test
  void refusesSymlinkedDirectoryThatLeadsOutside() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "s3cret");
    Files.createSymbolicLink(dir.resolve("out"), outside);
    assertOutside("out/secret.txt");
    assertOutside("out");
  }

  @Test
  void refusesSymlinkedFileThatLeadsOutside() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "s3cret");
    Files.createSymbolicLink(dir.resolve("secret.txt"), outside.resolve("secret.txt"));
    assertOutside("secret.txt");
  }

  @Test
  void refusesDanglingSymlinkThatWouldCreateAFileOutside() throws Exception {
    Files.createSymbolicLink(dir.resolve("new.txt"), outside.resolve("not-yet.txt"));
    Files.createSymbolicLink(dir.resolve("newdir"), outside.resolve("missing-dir"));
    assertOutside("new.txt");
    assertOutside("newdir/file.txt");
  }

  @Test
  void refusesSymlinkChainThatEndsOutside() throws Exception {
    Files.createSymbolicLink(dir.resolve("second"), outside.resolve("gone"));
    Files.createSymbolicLink(dir.resolve("first"), dir.resolve("second"));
    assertOutside("first");
  }

  @Test
  void followsSymlinksThatStayInside() throws Exception {
    Files.createDirectories(dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
    assertThat(workspace.resolve("alias/f.txt")).isEqualTo(dir.toRealPath().resolve("real/f.txt"));
  }

  @Test
  void refusesBlankPathAsInvalidArguments() {
    assertThatThrownBy(() -> workspace.resolve(" "))
        .isInstanceOfSatisfying(
            ToolFailure.class,
            f -> assertThat(f.code()).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS));
  }

  @Test
  void rootMustBeAnExistingDirectory() {
    assertThatThrownBy(() -> Workspace.of(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }

  private void assertOutside(String path) {
    assertThatThrownBy(() -> workspace.resolve(path))
        .as(path)
        .isInstanceOfSatisfying(
            ToolFailure.class,
            f -> {
              assertThat(f.code()).isEqualTo(ToolErrorCode.PATH_OUTSIDE_WORKSPACE);
              assertThat(f.getMessage())
                  .contains("'" + path + "'")
                  .contains("outside the workspace");
            });
  }
}
