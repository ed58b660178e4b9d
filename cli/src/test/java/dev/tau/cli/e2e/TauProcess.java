package dev.tau.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/tau} launcher as a child process, the way an operator does. The build
 * has already packaged the jar, so the launcher is told not to rebuild.
 */
final class TauProcess {
  /** What a finished run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  private static final List<String> PROVIDER_ENV =
      List.of(
          "OPENAI_API_KEY",
          "ANTHROPIC_API_KEY",
          "GOOGLE_API_KEY",
          "GEMINI_API_KEY",
          "OPENROUTER_API_KEY",
          "DEEPSEEK_API_KEY",
          "GROQ_API_KEY",
          "XAI_API_KEY",
          "MISTRAL_API_KEY",
          "TAU_API_KEY",
          "OLLAMA_HOST",
          "TAU_MODEL",
          "TAU_PROFILE");

  static Path home() {
    String home = System.getProperty("tau.home");
    if (home == null) {
      throw new IllegalStateException("tau.home system property is not set (run through failsafe)");
    }
    return Path.of(home);
  }

  static Path launcher() {
    return home().resolve("bin/tau");
  }

  /** The environment of a newcomer: no provider credentials, a private cache dir. */
  static Map<String, String> cleanEnv(Path workDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    PROVIDER_ENV.forEach(env::remove);
    env.put("TAU_SKIP_BUILD", "1");
    env.put("XDG_CACHE_HOME", workDir.resolve(".cache").toString());
    // nothing listens here, so "is Ollama running?" probes answer no at once
    env.put("OLLAMA_HOST", "http://127.0.0.1:9");
    return env;
  }

  static Result run(Path workDir, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = pb.start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/tau " + String.join(" ", args) + " did not finish in 120 s");
    }
    Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return result;
  }
}
