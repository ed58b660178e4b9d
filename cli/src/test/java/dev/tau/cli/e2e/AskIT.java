package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code bin/tau ask} and friends, run as real processes the way an operator runs them. */
class AskIT {
  @TempDir Path work;

  @Test
  void versionPrintsTheVersionAndNothingElse() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("tau 0.1.0");
    assertThat(r.stdout()).doesNotContain("[warning]").doesNotContain("cds");
    // a second run uses the archive the first one created
    var again = TauProcess.run(work, TauProcess.cleanEnv(work), null, "--version");
    assertThat(again.stdout()).isEqualTo(r.stdout());
    assertThat(again.stderr()).isEmpty();
  }

  @Test
  void askWithoutCredentialsAnswersThroughTheOfflineProvider() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "ask", "hello");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("No model provider is configured").contains("hello");
    assertThat(r.stderr())
        .contains("no model provider is configured; answering with the offline provider");
    assertThat(work.resolve(".tau/sessions.db")).exists();
  }

  @Test
  void askReadsThePromptFromStdin() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), "piped question\n", "ask");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("piped question");
  }

  @Test
  void askStreamsTheConfiguredProvidersAnswer() throws Exception {
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(FakeReply.text("Hello from the fake model."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-test-123");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());
      var r = TauProcess.run(work, env, null, "--model", "openai/gpt-4o-mini", "ask", "hi");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stdout().strip()).isEqualTo("Hello from the fake model.");
      assertThat(fake.lastRequest().header("authorization")).hasValue("Bearer sk-test-123");
      assertThat(fake.lastRequest().json().path("stream").asBoolean()).isTrue();
      assertThat(fake.lastRequest().json().path("model").asString()).isEqualTo("gpt-4o-mini");
    }
  }

  @Test
  void aRejectedKeyIsAClearProviderErrorWithoutTheKey() throws Exception {
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(FakeReply.error(401, "Incorrect API key provided"));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-wrong-999");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());
      var r = TauProcess.run(work, env, null, "--model", "openai/gpt-4o-mini", "ask", "hi");
      assertThat(r.exitCode()).isEqualTo(10);
      assertThat(r.stderr())
          .contains("tau: error:")
          .contains("401")
          .contains("Incorrect API key provided");
      assertThat(r.stderr() + r.stdout()).doesNotContain("sk-wrong-999").doesNotContain("\tat ");

      fake.enqueue(FakeReply.error(401, "Incorrect API key provided"));
      var json =
          TauProcess.run(work, env, null, "--json", "--model", "openai/gpt-4o-mini", "ask", "hi");
      assertThat(json.exitCode()).isEqualTo(10);
      JsonNode error = Json.parse(json.stdout()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("provider_auth_failed");
      assertThat(error.path("exit_code").asInt()).isEqualTo(10);
    }
  }

  @Test
  void aMissingKeyForAChosenProviderNamesTheVariable() throws Exception {
    var r =
        TauProcess.run(
            work,
            TauProcess.cleanEnv(work),
            null,
            "--model",
            "anthropic/claude-sonnet-4-5",
            "ask",
            "hi");
    assertThat(r.exitCode()).isEqualTo(10);
    assertThat(r.stderr()).contains("ANTHROPIC_API_KEY");
  }

  @Test
  void aScriptedModelWritesThenReadsAFileInTheWorkspace() throws Exception {
    Path script = work.resolve("script.json");
    Files.writeString(
        script,
        """
        {"replies": [
          {"tool_calls": [{"name": "write", "arguments": {"path": "notes/hello.txt", "content": "hi from tau"}}]},
          {"tool_calls": [{"name": "read", "arguments": {"path": "notes/hello.txt"}}]},
          {"text": "wrote and read notes/hello.txt"}
        ]}
        """);
    var r =
        TauProcess.run(
            work,
            TauProcess.cleanEnv(work),
            null,
            "--json",
            "--model",
            "offline/script",
            "--offline-script",
            script.toString(),
            "ask",
            "make a note");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(work.resolve("notes/hello.txt")).hasContent("hi from tau");
    JsonNode out = Json.parse(r.stdout());
    assertThat(out.path("text").asString()).isEqualTo("wrote and read notes/hello.txt");
    assertThat(out.path("tool_calls")).hasSize(2);
    assertThat(out.path("tool_calls").get(0).path("name").asString()).isEqualTo("write");
    assertThat(out.path("tool_calls").get(1).path("name").asString()).isEqualTo("read");
    assertThat(out.path("tool_calls").get(1).path("is_error").asBoolean()).isFalse();
  }

  @Test
  void aPathEscapingTheWorkspaceIsRefused() throws Exception {
    Path ws = Files.createDirectories(work.resolve("ws"));
    Path script = work.resolve("escape.json");
    Files.writeString(
        script,
        """
        {"replies": [
          {"tool_calls": [{"name": "write", "arguments": {"path": "../outside.txt", "content": "x"}}]},
          {"text": "tried"}
        ]}
        """);
    var r =
        TauProcess.run(
            work,
            TauProcess.cleanEnv(work),
            null,
            "--json",
            "--workspace",
            ws.toString(),
            "--model",
            "offline/script",
            "--offline-script",
            script.toString(),
            "ask",
            "escape");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(work.resolve("outside.txt")).doesNotExist();
    JsonNode call = Json.parse(r.stdout()).path("tool_calls").get(0);
    assertThat(call.path("is_error").asBoolean()).isTrue();
  }

  @Test
  void aToolNeedingConfirmationIsRefusedWhenNobodyCanAnswer() throws Exception {
    Path script = work.resolve("confirm.json");
    Files.writeString(
        script,
        """
        {"replies": [
          {"tool_calls": [{"name": "write", "arguments": {"path": "x.txt", "content": "x"}}]},
          {"text": "could not write"}
        ]}
        """);
    var r =
        TauProcess.run(
            work,
            TauProcess.cleanEnv(work),
            "",
            "--json",
            "--require-confirm-tool",
            "write",
            "--model",
            "offline/script",
            "--offline-script",
            script.toString(),
            "ask",
            "write x");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(work.resolve("x.txt")).doesNotExist();
    assertThat(Json.parse(r.stdout()).path("tool_calls").get(0).path("is_error").asBoolean())
        .isTrue();
  }

  @Test
  void twoAsksWithTheSameSessionShareHistoryAcrossProcesses() throws Exception {
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(FakeReply.text("Nice to meet you, Ada."), FakeReply.text("Your name is Ada."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-test");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());
      var first = TauProcess.run(work, env, null, "--session-id", "s1", "ask", "my name is Ada");
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      var second = TauProcess.run(work, env, null, "--session-id", "s1", "ask", "what is my name?");
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(second.stdout()).contains("Your name is Ada.");
      String sent = fake.lastRequest().body();
      assertThat(sent)
          .contains("my name is Ada")
          .contains("Nice to meet you, Ada.")
          .contains("what is my name?");

      fake.enqueue(FakeReply.text("Who?"));
      TauProcess.run(work, env, null, "--session-id", "other", "ask", "who am I?");
      assertThat(fake.lastRequest().body()).doesNotContain("my name is Ada");
    }
  }

  @Test
  void badModelIdsAndToolPatternsAreInputErrors() throws Exception {
    var unknown =
        TauProcess.run(work, TauProcess.cleanEnv(work), null, "--model", "foo/bar", "ask", "hi");
    assertThat(unknown.exitCode()).isEqualTo(42);
    assertThat(unknown.stderr()).contains("unknown provider 'foo'");
    var noScript =
        TauProcess.run(
            work, TauProcess.cleanEnv(work), null, "--model", "offline/script", "ask", "hi");
    assertThat(noScript.exitCode()).isEqualTo(42);
    assertThat(noScript.stderr()).contains("--offline-script");
    var pattern =
        TauProcess.run(work, TauProcess.cleanEnv(work), null, "--allow-tool", "[", "ask", "hi");
    assertThat(pattern.exitCode()).isEqualTo(42);
    assertThat(pattern.stderr())
        .contains("--allow-tool")
        .doesNotContain("IllegalArgumentException");
  }

  @Test
  void stdinMustBeUtf8ButMayContainTheReplacementCharacter() throws Exception {
    var valid = TauProcess.run(work, TauProcess.cleanEnv(work), "a \uFFFD b", "ask");
    assertThat(valid.exitCode()).as(valid.stderr()).isZero();
    Path bad = work.resolve("bad.bin");
    Files.write(bad, new byte[] {'h', 'i', (byte) 0xC3, (byte) 0x28});
    ProcessBuilder pb =
        new ProcessBuilder(TauProcess.launcher().toString(), "ask")
            .directory(work.toFile())
            .redirectInput(bad.toFile());
    pb.environment().clear();
    pb.environment().putAll(TauProcess.cleanEnv(work));
    Process p = pb.start();
    String err =
        new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(42);
    assertThat(err).contains("not valid UTF-8");
  }

  @Test
  void usageErrorsAreJsonOnStdoutWithJson() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "--json", "ask", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(Json.parse(r.stdout()).path("error").path("code").asString()).isEqualTo("usage");
  }

  @Test
  void doctorNeverShowsCredentialsOfTheStoreUrl() throws Exception {
    var r =
        TauProcess.run(
            work,
            TauProcess.cleanEnv(work),
            null,
            "--json",
            "--session-db-url",
            "postgres://tau:S3CRETPW@db/tau",
            "doctor");
    assertThat(r.stdout() + r.stderr()).doesNotContain("S3CRETPW");
  }

  @Test
  void anUnknownFlagIsAUsageError() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "ask", "--no-such-flag", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--no-such-flag");
  }

  @Test
  void anUnknownConfigKeyIsAnInputErrorNamingKeyAndLine() throws Exception {
    Files.createDirectories(work.resolve(".tau"));
    Files.writeString(
        work.resolve(".tau/config.toml"),
        "[profiles.default]\nmodel = \"offline/echo\"\ncolour = \"blue\"\n");
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "ask", "hi");
    assertThat(r.exitCode()).isEqualTo(42);
    assertThat(r.stderr()).contains("unknown key 'colour'").contains("line 3");
  }

  @Test
  void doctorPassesOnAFreshDirectoryAndWarnsAboutOfflineMode() throws Exception {
    var r = TauProcess.run(work, TauProcess.cleanEnv(work), null, "doctor");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("ok    jdk").contains("warn  provider").contains("ok    store");
  }

  @Test
  void doctorFailsWhenTheStoreCannotOpenAndNeverPrintsAKey() throws Exception {
    Files.writeString(work.resolve("not-a-db"), "this is not sqlite");
    Map<String, String> env = TauProcess.cleanEnv(work);
    env.put("OPENAI_API_KEY", "sk-very-secret");
    var r =
        TauProcess.run(
            work, env, null, "--json", "--session-db-url", "sqlite://not-a-db", "doctor");
    assertThat(r.exitCode()).isEqualTo(3);
    JsonNode out = Json.parse(r.stdout());
    assertThat(out.path("ok").asBoolean()).isFalse();
    assertThat(r.stdout()).contains("OPENAI_API_KEY").doesNotContain("sk-very-secret");
  }
}
