package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tau chat} in a real terminal: tmux runs it, send-keys types, capture-pane reads. */
class ChatTmuxIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;
  private final String socket = "tau-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void tmuxIsInstalled() {
    boolean found =
        java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "tmux")));
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("tmux is missing in CI: .ci/run must install it");
    }
    assumeTrue(found, "tmux is not installed (.ci/run installs it)");
  }

  @AfterEach
  void killServer() throws Exception {
    // let the chat process finish writing (history, telemetry) before the temp dir is deleted:
    // the tmux session ends when its command exits
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline) && tmuxStatus("has-session", "-t", "chat") == 0) {
      Thread.sleep(100);
    }
    tmux("kill-server");
    // a process killed with the server may still be exiting
    Thread.sleep(300);
  }

  private int tmuxStatus(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @Test
  void chatAnswersRunsSlashCommandsAndExits() throws Exception {
    start("chat");
    await(screen -> screen.contains("tau> "));
    assertThat(screen()).contains("Tau chat — model offline/echo, session default-session (new)");

    type("hello there");
    await(screen -> screen.contains("You said: \"hello there\""));

    type("/session");
    await(screen -> screen.contains("Session default-session (3 events"));

    type("/help");
    await(screen -> screen.contains("/clear"));

    type("first line \\");
    type("second line");
    await(screen -> screen.contains("first line") && screen.contains("... second line"));

    type("/exit");
    await(screen -> screen.contains("Bye. Resume with: bin/tau chat --session-id default-session"));
  }

  @Test
  void ctrlCCancelsTheRunningTurnAndKeepsTheChat() throws Exception {
    Path script = work.resolve("slow.json");
    Files.writeString(
        script,
        """
        {"replies": [
          {"tool_calls": [{"name": "bash", "arguments": {"command": "sleep 30"}}]},
          {"text": "never reached"}
        ]}
        """);
    start(
        "--tool-confirmation-mode",
        "never",
        "--model",
        "offline/script",
        "--offline-script",
        script.toString(),
        "chat");
    await(screen -> screen.contains("tau> "));
    type("run something slow");
    await(screen -> screen.contains("bash {\"command\":\"sleep 30\"}"));
    Instant sent = Instant.now();
    tmux("send-keys", "-t", "chat", "C-c");
    await(screen -> screen.contains("tau: cancelled"));
    assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(25));
    type("/session");
    await(screen -> screen.contains("Session default-session"));
    type("/exit");
    await(screen -> screen.contains("Bye."));
  }

  private void start(String... args) throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    StringBuilder sh = new StringBuilder("#!/bin/sh\n");
    for (String name : List.of("PATH", "HOME", "TAU_SKIP_BUILD", "XDG_CACHE_HOME", "OLLAMA_HOST")) {
      if (env.containsKey(name)) {
        sh.append("export ").append(name).append("='").append(env.get(name)).append("'\n");
      }
    }
    sh.append("export TERM=xterm-256color\n");
    sh.append("exec '").append(TauProcess.launcher()).append("'");
    for (String arg : args) {
      sh.append(" '").append(arg).append("'");
    }
    sh.append("\n");
    Path runner = work.resolve("run-chat.sh");
    Files.writeString(runner, sh.toString());
    runner.toFile().setExecutable(true);
    String started =
        tmux(
            "new-session",
            "-d",
            "-s",
            "chat",
            "-x",
            "400",
            "-y",
            "50",
            "-c",
            work.toString(),
            runner.toString());
    assertThat(started).as("tmux new-session").isEmpty();
  }

  private void type(String text) throws Exception {
    tmux("send-keys", "-t", "chat", "-l", text);
    tmux("send-keys", "-t", "chat", "Enter");
  }

  private String screen() throws Exception {
    return tmux("capture-pane", "-p", "-J", "-t", "chat", "-S", "-200");
  }

  private void await(Predicate<String> condition) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      last = screen();
      if (condition.test(last)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the chat screen never showed what was expected; last screen:\n" + last);
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TERM", "xterm-256color");
    pb.environment().remove("TMUX");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return output;
  }
}
