package dev.tau.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The harness's settings, parsed from its command line and checked as a whole (the planned run
 * must fit in {@code --max-minutes}).
 *
 * @param clients the concurrency levels, in order
 * @param window the measured window of each non-streaming phase
 * @param warmup the warm-up before each phase's window
 * @param streamWindow the measured window of each streaming phase
 * @param openStreams how many streams to hold open at once (0 skips that phase)
 * @param startups how many times to start the gateway to measure readiness
 * @param tau the launcher ({@code bin/tau})
 * @param maxRun the hard limit on the whole run
 * @param compareTestkitFake also load testkit's {@code FakeOpenAiServer} directly, for comparison
 */
record LoadOptions(
    List<Integer> clients,
    Duration window,
    Duration warmup,
    Duration streamWindow,
    int openStreams,
    int startups,
    Path tau,
    Duration maxRun,
    boolean compareTestkitFake) {

  static final String USAGE =
      """
      usage: java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.load.GatewayLoad [options]
        --clients N,N,...        concurrency levels (default 1,50,200)
        --seconds S              measured window per non-streaming phase (default 20)
        --warmup S               warm-up before each phase (default 5)
        --stream-seconds S       measured window per streaming phase (default 10)
        --open-streams N         streams held open at once, 0 to skip (default 1000)
        --startups N             gateway starts timed for readiness (default 3)
        --tau PATH               the launcher (default bin/tau of the current directory)
        --max-minutes M          hard limit on the whole run (default 10)
        --compare-testkit-fake   also load testkit's FakeOpenAiServer directly
      """;

  LoadOptions {
    clients = List.copyOf(clients);
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("--clients needs at least one level");
    }
    for (int c : clients) {
      if (c < 1 || c > 5000) {
        throw new IllegalArgumentException("--clients levels must be 1..5000, got " + c);
      }
    }
    requireSeconds("--seconds", window, 1);
    requireSeconds("--warmup", warmup, 0);
    requireSeconds("--stream-seconds", streamWindow, 1);
    if (openStreams < 0 || openStreams > 10_000) {
      throw new IllegalArgumentException("--open-streams must be 0..10000, got " + openStreams);
    }
    if (startups < 1 || startups > 20) {
      throw new IllegalArgumentException("--startups must be 1..20, got " + startups);
    }
    if (!Files.isExecutable(tau)) {
      throw new IllegalArgumentException("--tau " + tau + " is not an executable file");
    }
    if (maxRun.isNegative() || maxRun.isZero()) {
      throw new IllegalArgumentException("--max-minutes must be positive");
    }
    Duration planned = planned(clients, window, warmup, streamWindow, openStreams, startups, compareTestkitFake);
    if (planned.compareTo(maxRun) > 0) {
      throw new IllegalArgumentException(
          "the planned run takes about "
              + planned.toSeconds()
              + " s, more than --max-minutes "
              + maxRun.toMinutes()
              + ": lower --seconds, --stream-seconds, --warmup or --clients");
    }
  }

  /**
   * Parses the command line; empty when the user asked for {@code --help}.
   *
   * @throws IllegalArgumentException naming the flag at fault
   */
  static Optional<LoadOptions> parse(String[] args) {
    List<Integer> clients = List.of(1, 50, 200);
    long seconds = 20;
    long warmup = 5;
    long streamSeconds = 10;
    int openStreams = 1000;
    int startups = 3;
    Path tau = null;
    long maxMinutes = 10;
    boolean compare = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help", "-h" -> {
          return Optional.empty();
        }
        case "--compare-testkit-fake" -> compare = true;
        case "--clients" -> clients = levels(flag, value(args, ++i, flag));
        case "--seconds" -> seconds = number(flag, value(args, ++i, flag));
        case "--warmup" -> warmup = number(flag, value(args, ++i, flag));
        case "--stream-seconds" -> streamSeconds = number(flag, value(args, ++i, flag));
        case "--open-streams" -> openStreams = whole(flag, value(args, ++i, flag));
        case "--startups" -> startups = whole(flag, value(args, ++i, flag));
        case "--max-minutes" -> maxMinutes = number(flag, value(args, ++i, flag));
        case "--tau" -> tau = Path.of(value(args, ++i, flag));
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    return Optional.of(
        new LoadOptions(
            clients,
            Duration.ofSeconds(seconds),
            Duration.ofSeconds(warmup),
            Duration.ofSeconds(streamSeconds),
            openStreams,
            startups,
            tau == null ? GatewayProcess.findLauncher() : tau,
            Duration.ofMinutes(maxMinutes),
            compare));
  }

  /** A rough upper estimate of the run's length, from its phases. */
  Duration planned() {
    return planned(clients, window, warmup, streamWindow, openStreams, startups, compareTestkitFake);
  }

  private static Duration planned(
      List<Integer> clients,
      Duration window,
      Duration warmup,
      Duration streamWindow,
      int openStreams,
      int startups,
      boolean compare) {
    long plain = warmup.plus(window).toSeconds() + 1;
    long stream = warmup.plus(streamWindow).toSeconds() + 1;
    long perLevel = 2 * plain + 2 * stream + (compare ? plain : 0);
    long streams = openStreams == 0 ? 0 : 15;
    // a start and a SIGTERM drain of the gateway take a few seconds together
    long starts = (startups + 1) * 4L;
    return Duration.ofSeconds(perLevel * clients.size() + streams + starts);
  }

  private static void requireSeconds(String flag, Duration value, long min) {
    if (value.toSeconds() < min || value.toSeconds() > 600) {
      throw new IllegalArgumentException(flag + " must be " + min + "..600 seconds, got " + value.toSeconds());
    }
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static long number(String flag, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got '" + text + "'");
    }
  }

  private static int whole(String flag, String text) {
    long value = number(flag, text);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(flag + " is out of range: '" + text + "'");
    }
    return (int) value;
  }

  private static List<Integer> levels(String flag, String text) {
    List<Integer> levels = new ArrayList<>();
    for (String part : text.split(",")) {
      levels.add(whole(flag, part));
    }
    return levels;
  }
}
