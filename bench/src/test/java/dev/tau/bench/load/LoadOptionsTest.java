package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadOptionsTest {
  @TempDir Path dir;
  private Path tau;

  @BeforeEach
  void launcher() throws Exception {
    tau =
        Files.createFile(
            dir.resolve("tau"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  private LoadOptions parse(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--tau";
    all[1] = tau.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return LoadOptions.parse(all).orElseThrow();
  }

  @Test
  void defaultsAreTheIssuesLevelsAndFitInTenMinutes() {
    LoadOptions options = parse();

    assertThat(options.clients()).containsExactly(1, 50, 200);
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.openStreams()).isEqualTo(1000);
    assertThat(options.store()).isEqualTo(LoadOptions.Store.BOTH);
    assertThat(options.planned()).isLessThan(Duration.ofMinutes(10));
  }

  @Test
  void readsEveryOption() {
    LoadOptions options =
        parse(
            "--clients",
            "2,4",
            "--seconds",
            "7",
            "--warmup",
            "1",
            "--gateway-warmup",
            "2",
            "--paced-clients",
            "8",
            "--paced-seconds",
            "4",
            "--stream-seconds",
            "3",
            "--open-streams",
            "0",
            "--startups",
            "1",
            "--max-minutes",
            "5",
            "--store",
            "false",
            "--compare-testkit-fake");

    assertThat(options.clients()).isEqualTo(List.of(2, 4));
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.gatewayWarmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.streamWindow()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.pacedClients()).isEqualTo(8);
    assertThat(options.pacedWindow()).isEqualTo(Duration.ofSeconds(4));
    assertThat(options.openStreams()).isZero();
    assertThat(options.startups()).isEqualTo(1);
    assertThat(options.maxRun()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.store()).isEqualTo(LoadOptions.Store.FALSE);
    assertThat(options.compareTestkitFake()).isTrue();
  }

  @Test
  void helpGivesNoOptions() {
    assertThat(LoadOptions.parse(new String[] {"--help"})).isEmpty();
  }

  @Test
  void badValuesNameTheirFlag() {
    assertThatThrownBy(() -> parse("--clients", "1,x")).hasMessageContaining("--clients");
    assertThatThrownBy(() -> parse("--clients", "0")).hasMessageContaining("--clients");
    assertThatThrownBy(() -> parse("--seconds")).hasMessageContaining("--seconds needs a value");
    assertThatThrownBy(() -> parse("--store", "maybe")).hasMessageContaining("--store");
    assertThatThrownBy(() -> parse("--open-streams", "99999999999"))
        .hasMessageContaining("--open-streams");
    assertThatThrownBy(() -> parse("--bogus")).hasMessageContaining("unknown option '--bogus'");
    assertThatThrownBy(
            () -> LoadOptions.parse(new String[] {"--tau", dir.resolve("nope").toString()}))
        .hasMessageContaining("--tau");
  }

  @Test
  void aPlanLongerThanTheLimitIsRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> parse("--clients", "1,2,3,4,5,6", "--seconds", "120"))
        .hasMessageContaining("--max-minutes 10");
  }
}
