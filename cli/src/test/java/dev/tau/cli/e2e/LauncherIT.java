package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code bin/tau} finds a JDK. */
class LauncherIT {
  private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  @TempDir Path work;

  @Test
  void withNoJdk25AnywhereItSaysWhatToInstallAndExits127() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.remove("TAU_JAVA_HOME");
    env.put("JAVA_HOME", Files.isDirectory(JDK17) ? JDK17.toString() : "/nonexistent");
    env.put("TAU_JDK_SEARCH_DIRS", work.resolve("no-jdks-here").toString());
    var r = TauProcess.run(work, env, null, "--version");
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.stderr()).contains("no JDK 25 or newer found").contains("TAU_JAVA_HOME");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void anOlderJavaHomeIsSkippedForAJdk25FromTheStandardFolders() throws Exception {
    assumeTrue(Files.isDirectory(JDK17), "needs the machine's JDK 17 to prove it is skipped");
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.remove("TAU_JAVA_HOME");
    env.put("JAVA_HOME", JDK17.toString());
    var r = TauProcess.run(work, env, null, "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("java 25");
  }
}
