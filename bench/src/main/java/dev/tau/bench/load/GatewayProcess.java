package dev.tau.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway as a separate process, started the way an operator starts it: {@code bin/tau
 * --gateway-openresponses-server} in {@code localhost-dev} mode on a free loopback port, model
 * {@code openai/gpt-4o-mini} pointed at the fake upstream, the in-memory session store and the rate
 * limit raised out of the way. {@link #start} returns once {@code GET /healthz} first answers 200
 * and records how long that took from the moment the process was spawned.
 */
final class GatewayProcess implements AutoCloseable {
  /** The model the gateway runs; the fake answers any. */
  static final String MODEL = "openai/gpt-4o-mini";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final long POLL_MS = 2;
  // every gateway this harness started, killed if the harness itself is interrupted
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "gateway-reaper"));
  }

  private final Process process;
  private final URI base;
  private final Path log;
  private final Duration readyAfter;

  private GatewayProcess(Process process, URI base, Path log, Duration readyAfter) {
    this.process = process;
    this.base = base;
    this.log = log;
    this.readyAfter = readyAfter;
  }

  /**
   * Starts the gateway and waits until it serves.
   *
   * @param tau the launcher, {@code bin/tau}
   * @param upstream the fake's base URL ({@code http://127.0.0.1:port/v1})
   * @param workDir an empty directory for the process's working directory, state and log
   * @throws IllegalStateException with the end of the gateway's log when it exits or never serves
   */
  static GatewayProcess start(Path tau, URI upstream, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    int port = freePort();
    List<String> command =
        List.of(
            tau.toAbsolutePath().toString(),
            "--gateway-openresponses-server",
            "--gateway-openresponses-bind",
            "127.0.0.1:" + port,
            "--gateway-openresponses-auth-mode",
            "localhost-dev",
            "--gateway-openresponses-rate-limit-max-requests",
            "100000000",
            "--gateway-state-dir",
            workDir.resolve("state").toString(),
            "--session-backend",
            "memory",
            "--model",
            MODEL);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = builder.environment();
    // only what this run sets: no inherited provider keys or gateway settings, but keep the
    // launcher's own JDK and JVM-option variables
    env.keySet()
        .removeIf(
            k ->
                (k.startsWith("TAU_")
                        && !Set.of("TAU_JAVA_HOME", "TAU_JAVA_OPTS", "TAU_JDK_SEARCH_DIRS")
                            .contains(k))
                    || k.endsWith("_API_KEY"));
    env.put("TAU_SKIP_BUILD", "1");
    // the gateway talks only to the harness's loopback upstream, which checks no key; the openai
    // provider still refuses to start without one
    env.put("OPENAI_API_KEY", "dummy");
    env.put("TAU_OPENAI_BASE_URL", upstream.toString());
    Path log = workDir.resolve("gateway.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    URI base = URI.create("http://127.0.0.1:" + port);

    long spawned = System.nanoTime();
    Process process = builder.start();
    LIVE.add(process);
    Duration ready = awaitHealthy(process, base, log, spawned);
    return new GatewayProcess(process, base, log, ready);
  }

  /** {@code http://127.0.0.1:<port>}. */
  URI base() {
    return base;
  }

  long pid() {
    return process.pid();
  }

  /** From spawning the process to the first 200 on {@code /healthz}. */
  Duration readyAfter() {
    return readyAfter;
  }

  /** The last lines the gateway printed. */
  String logTail() {
    return tail(log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM (the gateway drains, then exits), then a kill if it takes too long. */
  int stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LIVE.remove(process);
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
    LIVE.remove(process);
  }

  /** Kills every gateway still running (the harness ran out of time). */
  static void killAll() {
    LIVE.forEach(Process::destroyForcibly);
  }

  private static Duration awaitHealthy(Process process, URI base, Path log, long spawned) {
    URI health = base.resolve("/healthz");
    long deadline = spawned + READY_TIMEOUT.toNanos();
    try (HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw failed(log, "exited with status " + process.exitValue() + " before serving");
        }
        try {
          HttpResponse<Void> response =
              client.send(request, HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return Duration.ofNanos(System.nanoTime() - spawned);
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for the gateway", e);
    }
    process.destroyForcibly();
    throw failed(log, "did not answer GET /healthz within " + READY_TIMEOUT.toSeconds() + " s");
  }

  private static IllegalStateException failed(Path log, String what) {
    return new IllegalStateException("the gateway " + what + "; its log:\n" + tail(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return probe.getLocalPort();
    }
  }

  /** The launcher found from the current directory or {@code -Dtau.home}. */
  static Path findLauncher() {
    List<Path> candidates = new ArrayList<>();
    String home = System.getProperty("tau.home");
    if (home != null) {
      candidates.add(Path.of(home, "bin", "tau"));
    }
    candidates.add(Path.of("bin", "tau"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalArgumentException(
        "cannot find bin/tau: run from the project root or pass --tau <path to bin/tau>");
  }
}
