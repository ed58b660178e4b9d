package dev.tau.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The harness's settings, parsed from its command line and checked as a whole (the planned run must
 * fit in {@code --max-minutes}).
 *
 * @param clients the concurrency levels, in order
 * @param window the measured window of each non-streaming phase
 * @param warmup the warm-up before the window of each phase straight at the fake upstream
 * @param gatewayWarmup the warm-up of each phase's fresh gateway before its window (the JIT of a
 *     fresh JVM on two shared cores takes tens of seconds to settle)
 * @param streamWindow the measured window of each streaming phase
 * @param pacedClients the level of the paced (open-loop) phases, 0 to skip them
 * @param pacedWindow the measured window of each paced phase
 * @param openStreams how many streams to hold open at once (0 skips that phase)
 * @param startups how many times to start the gateway to measure readiness
 * @param tau the launcher ({@code bin/tau})
 * @param maxRun the hard limit on the whole run
 * @param store which non-streaming gateway phases to run: responses stored (the default a client
 *     gets), {@code "store": false}, or both
 * @param compareTestkitFake also load testkit's {@code FakeOpenAiServer} directly, for comparison
 */
record LoadOptions(
    List<Integer> clients,
    Duration window,
    Duration warmup,
    Duration gatewayWarmup,
    Duration streamWindow,
    int pacedClients,
    Duration pacedWindow,
    int openStreams,
    int startups,
    Path tau,
    Duration maxRun,
    Store store,
    boolean compareTestkitFake) {

  /** Whether non-streaming requests let the gateway store their response. */
  enum Store {
    DEFAULT,
    FALSE,
    BOTH;

    boolean stored() {
      return this != FALSE;
    }

    boolean unstored() {
      return this != DEFAULT;
    }

    static Store parse(String text) {
      return switch (text) {
        case "default" -> DEFAULT;
        case "false" -> FALSE;
        case "both" -> BOTH;
        default ->
            throw new IllegalArgumentException(
                "--store must be default, false or both, got '" + text + "'");
      };
    }
  }

  static final String USAGE =
      """
      usage: java -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.load.GatewayLoad [options]
        --clients N,N,...        concurrency levels (default 1,50,200)
        --seconds S              measured window per non-streaming phase (default 20)
        --warmup S               warm-up before each phase straight at the fake (default 3)
        --gateway-warmup S       warm-up of each phase's fresh gateway (default 15)
        --stream-seconds S       measured window per streaming phase (default 10)
        --paced-clients N        clients of the paced phases at half the closed-loop
                                 throughput, 0 to skip (default 50)
        --paced-seconds S        measured window per paced phase (default 10)
        --open-streams N         streams held open at once, 0 to skip (default 1000)
        --startups N             gateway starts timed for readiness (default 3)
        --tau PATH               the launcher (default bin/tau of the current directory)
        --max-minutes M          hard limit on the whole run (default 10)
        --store default|false|both  non-streaming gateway phases with responses stored, with
                                 "store": false, or both (default both)
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
    requireSeconds("--gateway-warmup", gatewayWarmup, 0);
    requireSeconds("--stream-seconds", streamWindow, 1);
    requireSeconds("--paced-seconds", pacedWindow, 1);
    if (pacedClients < 0 || pacedClients > 5000) {
      throw new IllegalArgumentException("--paced-clients must be 0..5000, got " + pacedClients);
    }
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
    Objects.requireNonNull(store, "store");
  }

  /**
   * Parses the command line; empty when the user asked for {@code --help}.
   *
   * @throws IllegalArgumentException naming the flag at fault
   */
  static Optional<LoadOptions> parse(String[] args) {
    List<Integer> clients = List.of(1, 50, 200);
    long seconds = 20;
    long warmup = 3;
    long gatewayWarmup = 15;
    long streamSeconds = 10;
    int pacedClients = 50;
    long pacedSeconds = 10;
    int openStreams = 1000;
    int startups = 3;
    Path tau = null;
    long maxMinutes = 10;
    boolean compare = false;
    Store store = Store.BOTH;
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
        case "--gateway-warmup" -> gatewayWarmup = number(flag, value(args, ++i, flag));
        case "--stream-seconds" -> streamSeconds = number(flag, value(args, ++i, flag));
        case "--paced-clients" -> pacedClients = whole(flag, value(args, ++i, flag));
        case "--paced-seconds" -> pacedSeconds = number(flag, value(args, ++i, flag));
        case "--open-streams" -> openStreams = whole(flag, value(args, ++i, flag));
        case "--startups" -> startups = whole(flag, value(args, ++i, flag));
        case "--max-minutes" -> maxMinutes = number(flag, value(args, ++i, flag));
        case "--tau" -> tau = Path.of(value(args, ++i, flag));
        case "--store" -> store = Store.parse(value(args, ++i, flag));
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    return Optional.of(
        fitting(
            new LoadOptions(
                clients,
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(gatewayWarmup),
                Duration.ofSeconds(streamSeconds),
                pacedClients,
                Duration.ofSeconds(pacedSeconds),
                openStreams,
                startups,
                tau == null ? GatewayProcess.findLauncher() : tau,
                Duration.ofMinutes(maxMinutes),
                store,
                compare)));
  }

  /** A rough upper estimate of the run's length, from its phases. */
  Duration planned() {
    int variants = store == Store.BOTH ? 2 : 1;
    long levels = clients.size();
    long direct =
        levels * (1 + (compareTestkitFake ? 1 : 0)) * phase(warmup, window)
            + (pacedClients == 0 ? 0 : variants * phase(warmup, pacedWindow))
            + levels * phase(warmup, streamWindow);
    long throughGateway =
        levels * variants * phase(gatewayWarmup, window)
            + (pacedClients == 0 ? 0 : variants * phase(gatewayWarmup, pacedWindow))
            + levels * phase(gatewayWarmup, streamWindow);
    long gateways =
        (startups - 1)
            + levels * (variants + 1)
            + (pacedClients == 0 ? 0 : variants)
            + (openStreams == 0 ? 0 : 1);
    long streams = openStreams == 0 ? 0 : 15;
    // a gateway's start, relay check and SIGTERM drain take about two seconds together
    return Duration.ofSeconds(direct + throughGateway + 2 * gateways + streams);
  }

  private static long phase(Duration warmup, Duration window) {
    return warmup.plus(window).toSeconds() + 1;
  }

  /** The options, when the run they plan fits in {@code --max-minutes}. */
  private static LoadOptions fitting(LoadOptions options) {
    Duration planned = options.planned();
    if (planned.compareTo(options.maxRun()) > 0) {
      throw new IllegalArgumentException(
          "the planned run takes about "
              + planned.toSeconds()
              + " s, more than --max-minutes "
              + options.maxRun().toMinutes()
              + ": lower --seconds, --stream-seconds, --paced-seconds, --gateway-warmup or --clients");
    }
    return options;
  }

  private static void requireSeconds(String flag, Duration value, long min) {
    if (value.toSeconds() < min || value.toSeconds() > 600) {
      throw new IllegalArgumentException(
          flag + " must be " + min + "..600 seconds, got " + value.toSeconds());
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
