package dev.tau.gates.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {
  // built at run time so this source file does not itself carry the shapes it plants
  private static final String AWS_KEY = "AKIA" + "Q3EXAMPLE7ZK4TB2";
  private static final String GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String PEM = "-----BEGIN " + "RSA PRIVATE KEY-----";

  @TempDir Path root;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int scan(String... args) {
    return SecretScan.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aPlantedKeyFailsTheScanWithItsPlaceButNotItsValue() throws Exception {
    Files.writeString(root.resolve("clean.txt"), "nothing to see\n");
    Files.createDirectories(root.resolve("src"));
    Files.writeString(
        root.resolve("src/Config.java"), "class C {\n  String k = \"" + AWS_KEY + "\";\n}\n");

    int status = scan("--root", root.toString());

    assertThat(status).isEqualTo(1);
    assertThat(stdout()).contains("src/Config.java:2: aws_access_key_id").contains("1 finding");
    assertThat(stdout() + stderr()).doesNotContain(AWS_KEY);
    assertThat(stderr()).contains("secret-scan: FAILED: 1 possible secret");
  }

  @Test
  void theSameKeyPassesOnceAllowlistedWithAReason() throws Exception {
    Files.writeString(root.resolve("Fixture.java"), "String k = \"" + AWS_KEY + "\";\n");
    Path allowlist = root.resolve("allow.txt");
    Files.writeString(
        allowlist, "# fixtures\nFixture.java aws_access_key_id AWS's documented example shape\n");

    assertThat(scan("--root", root.toString(), "--allowlist", allowlist.toString())).isZero();
    assertThat(stdout()).contains("1 allowlisted fixture, 0 findings");
  }

  @Test
  void anAllowlistEntryCoversOnlyItsOwnPathAndPattern() throws Exception {
    Files.writeString(root.resolve("Fixture.java"), "String k = \"" + AWS_KEY + "\";\n");
    Files.writeString(root.resolve("Other.java"), "String t = \"" + GITHUB + "\";\n");
    Files.writeString(root.resolve("Fixture2.java"), PEM + "\n");
    Path allowlist = root.resolve("allow.txt");
    Files.writeString(
        allowlist,
        "Fixture.java aws_access_key_id example\nFixture.java github_token not there, stale\n");

    assertThat(scan("--root", root.toString(), "--allowlist", allowlist.toString())).isEqualTo(1);
    assertThat(stdout())
        .contains("Other.java:1: github_token")
        .contains("Fixture2.java:1: private_key")
        .doesNotContain("Fixture.java:1");
    assertThat(stderr()).contains("allowlist line 2 (Fixture.java github_token) matches nothing");
  }

  @Test
  void theDefaultAllowlistIsReadFromTheRoot() throws Exception {
    Files.writeString(root.resolve("k.txt"), GITHUB + "\n");
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve(SecretScan.DEFAULT_ALLOWLIST), "k.txt github_token made-up token\n");

    assertThat(scan("--root", root.toString())).isZero();
  }

  @Test
  void buildOutputGitAndBinaryFilesAreNotSearched() throws Exception {
    Files.createDirectories(root.resolve("target"));
    Files.writeString(root.resolve("target/copy.txt"), AWS_KEY);
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), AWS_KEY);
    byte[] binary = ("\0\0" + AWS_KEY).getBytes(StandardCharsets.US_ASCII);
    Files.write(root.resolve("blob.bin"), binary);

    SecretScan.Report report = SecretScan.scan(root, SecretScan.listFiles(root));

    assertThat(report.findings()).isEmpty();
    assertThat(report.skipped()).isEqualTo(1);
  }

  @Test
  void everyShapeIsRecognisedAndOrdinaryTextIsNot() throws Exception {
    String text =
        String.join(
            "\n",
            "openai " + "sk-" + "proj-Ab3dE5gH7jK9mN1pQ3sT5vW7",
            "anthropic " + "sk-" + "ant-api03-Zx8Cv7Bn6Mq5Wr4Ty3Ui2",
            "slack " + "xoxb-" + "1234567890-abcdefghij",
            "google " + "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
            "stripe " + "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc",
            "telegram " + "123456789:" + "AAH" + "dqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
            "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "sk-short ghp_tooShort AKIA lowercase akiaqqqqqqqqqqqqqqqq",
            "String key = System.getenv(\"OPENAI_API_KEY\");");
    Files.writeString(root.resolve("all.txt"), text);

    SecretScan.Report report = SecretScan.scan(root, java.util.List.of("all.txt"));

    assertThat(report.findings())
        .extracting(Finding::pattern)
        .containsExactly(
            SecretPattern.OPENAI_API_KEY,
            SecretPattern.ANTHROPIC_API_KEY,
            SecretPattern.SLACK_TOKEN,
            SecretPattern.GOOGLE_API_KEY,
            SecretPattern.STRIPE_LIVE_KEY,
            SecretPattern.TELEGRAM_BOT_TOKEN,
            SecretPattern.AWS_SECRET_ACCESS_KEY);
  }

  @Test
  void aMalformedAllowlistIsABadInputNotAPass() throws Exception {
    Path allowlist = root.resolve("allow.txt");
    Files.writeString(allowlist, "Fixture.java aws_access_key_id\n");
    assertThat(scan("--root", root.toString(), "--allowlist", allowlist.toString())).isEqualTo(2);
    assertThat(stderr()).contains("allow.txt line 1: expected '<path> <pattern> <why");

    assertThatThrownBy(() -> Allowlist.parse("a.txt no_such_shape because\n", "x"))
        .hasMessageContaining("x line 1: unknown secret pattern 'no_such_shape'");
    assertThatThrownBy(() -> Allowlist.parse("../a.txt private_key because\n", "x"))
        .hasMessageContaining("relative to the repository root");
  }

  @Test
  void unknownOptionsAreRefused() {
    assertThat(scan("--rot", ".")).isEqualTo(2);
    assertThat(stderr()).contains("unknown option '--rot'").contains("usage:");
  }

  @Test
  void previewsNeverShowMoreThanAQuarterOfTheMatch() {
    assertThat(Finding.mask(AWS_KEY)).isEqualTo("AKIAQ…(20 chars)");
    assertThat(Finding.mask("sk-" + "0123456789abcdefghijklmnopqrstuvwxyz"))
        .isEqualTo("sk-012…(39 chars)");
  }
}
