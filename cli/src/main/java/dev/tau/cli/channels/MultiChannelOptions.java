package dev.tau.cli.channels;

import dev.tau.channels.media.FetchSettings;
import dev.tau.channels.runtime.MediaPolicy;
import dev.tau.channels.runtime.RunnerSettings;
import dev.tau.channels.runtime.TelemetryPolicy;
import dev.tau.core.error.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The multi-channel runner's flags and its read-only reports (tau-spec §5.1, the multi-channel
 * runbook), given on the root command: {@code bin/tau --multi-channel-state-dir .tau/multi-channel
 * --multi-channel-live-runner …}. Every value flag has an environment variable {@code TAU_} + the
 * flag in upper snake case ({@code TAU_MULTI_CHANNEL_QUEUE_LIMIT}); a flag wins over its variable.
 * Unset flags stay null.
 */
public final class MultiChannelOptions {
  static final String DEFAULT_STATE_DIR = ".tau/multi-channel";
  static final String DEFAULT_INGRESS_DIR = ".tau/multi-channel/live-ingress";
  static final String DEFAULT_FIXTURE =
      "crates/tau-multi-channel/testdata/multi-channel-contract/baseline-three-channel.json";

  @Option(
      names = "--multi-channel-state-dir",
      paramLabel = "DIR",
      description = "Runner state directory (default .tau/multi-channel).")
  String stateDir;

  @Option(
      names = "--multi-channel-live-runner",
      description = "Run one cycle over the live-ingress inbox files, then exit.")
  boolean liveRunner;

  @Option(
      names = "--multi-channel-contract-runner",
      description = "Run one cycle over a contract fixture (--multi-channel-fixture), then exit.")
  boolean contractRunner;

  @Option(
      names = "--multi-channel-fixture",
      paramLabel = "FILE",
      description = "Contract fixture (default " + DEFAULT_FIXTURE + ").")
  String fixture;

  @Option(
      names = "--multi-channel-live-ingress-dir",
      paramLabel = "DIR",
      description =
          "Inbox the live runner reads: telegram.ndjson, discord.ndjson, whatsapp.ndjson (default"
              + " .tau/multi-channel/live-ingress).")
  String liveIngressDir;

  @Option(
      names = "--multi-channel-live-ingest-file",
      paramLabel = "FILE",
      description = "Normalise one raw platform payload and append it to the inbox, then exit.")
  String ingestFile;

  @Option(
      names = "--multi-channel-live-ingest-transport",
      paramLabel = "TRANSPORT",
      description = "telegram|discord|whatsapp: the platform of --multi-channel-live-ingest-file.")
  String ingestTransport;

  @Option(
      names = "--multi-channel-live-ingest-provider",
      paramLabel = "LABEL",
      description = "Provider label recorded as ingress_provider (default native-ingress).")
  String ingestProvider;

  @Option(
      names = "--multi-channel-live-ingest-dir",
      paramLabel = "DIR",
      description = "Inbox the ingest appends to (default .tau/multi-channel/live-ingress).")
  String ingestDir;

  @Option(
      names = "--multi-channel-route-inspect-file",
      paramLabel = "FILE",
      description =
          "Resolve the route of one event file (envelope or normalised event), then exit.")
  String routeInspectFile;

  @Option(
      names = "--multi-channel-route-inspect-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --multi-channel-route-inspect-file: print JSON.")
  Boolean routeInspectJson;

  @Option(
      names = "--multi-channel-status-inspect",
      description = "Print health, rollout gate, cycle reason codes and telemetry, then exit.")
  boolean statusInspect;

  @Option(
      names = "--multi-channel-status-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --multi-channel-status-inspect: print JSON.")
  Boolean statusJson;

  @Option(
      names = "--transport-health-inspect",
      paramLabel = "TARGET",
      description = "Print a transport's health snapshot (multi-channel, deployment), then exit.")
  String transportHealthInspect;

  @Option(
      names = "--transport-health-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --transport-health-inspect: print JSON.")
  Boolean transportHealthJson;

  @Option(
      names = "--multi-channel-queue-limit",
      paramLabel = "N",
      description = "New events taken per cycle; the rest wait for the next (default 64).")
  String queueLimit;

  @Option(
      names = "--multi-channel-processed-event-cap",
      paramLabel = "N",
      description = "Processed event keys remembered for dedupe (default 10000).")
  String processedEventCap;

  @Option(
      names = "--multi-channel-retry-max-attempts",
      paramLabel = "N",
      description = "Attempts per event and cycle (default 4).")
  String retryMaxAttempts;

  @Option(
      names = "--multi-channel-retry-base-delay-ms",
      paramLabel = "MS",
      description = "Backoff base: base * 2^(attempt-1) (default 0 = no wait).")
  String retryBaseDelayMs;

  @Option(
      names = "--multi-channel-retry-jitter-ms",
      paramLabel = "MS",
      description = "Deterministic jitter added to each backoff (default 0).")
  String retryJitterMs;

  @Option(
      names = "--multi-channel-telemetry-typing-presence",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Write typing/presence lifecycle lines (default true).")
  String telemetryTypingPresence;

  @Option(
      names = "--multi-channel-telemetry-usage-summary",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Count usage of delivered responses (default true).")
  String telemetryUsageSummary;

  @Option(
      names = "--multi-channel-telemetry-include-identifiers",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Put conversation, actor and session ids in lifecycle lines (default false).")
  String telemetryIncludeIdentifiers;

  @Option(
      names = "--multi-channel-telemetry-min-response-chars",
      paramLabel = "N",
      description = "Shortest response that gets typing/presence lines (default 120).")
  String telemetryMinResponseChars;

  @Option(
      names = "--multi-channel-media-understanding",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Media understanding of attachments (default true).")
  String mediaUnderstanding;

  @Option(
      names = "--multi-channel-media-max-attachments",
      paramLabel = "N",
      description = "Attachments understood per event (default 4).")
  String mediaMaxAttachments;

  @Option(
      names = "--multi-channel-media-max-summary-chars",
      paramLabel = "N",
      description = "Longest attachment summary (default 280).")
  String mediaMaxSummaryChars;

  @Option(
      names = "--multi-channel-media-max-attachment-bytes",
      paramLabel = "N",
      description = "Largest attachment downloaded; a download stops there (default 20971520).")
  String mediaMaxAttachmentBytes;

  @Option(
      names = "--multi-channel-media-timeout-ms",
      paramLabel = "MS",
      description = "Time budget of one attachment download or transcription (default 30000).")
  String mediaTimeoutMs;

  @Option(
      names = "--multi-channel-media-transcription-base-url",
      paramLabel = "URL",
      description =
          "OpenAI-compatible transcription API base (default TAU_OPENAI_BASE_URL, else"
              + " https://api.openai.com/v1).")
  String mediaTranscriptionBaseUrl;

  @Option(
      names = "--multi-channel-media-transcription-model",
      paramLabel = "MODEL",
      description = "Transcription model (default whisper-1).")
  String mediaTranscriptionModel;

  @Option(
      names = "--multi-channel-media-allow-loopback",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Let attachments be fetched from localhost/loopback, http included (tests and local"
              + " bridges; default false).")
  String mediaAllowLoopback;

  /** Whether any multi-channel mode or report was asked for. */
  public boolean requested() {
    return liveRunner
        || contractRunner
        || ingestFile != null
        || routeInspectFile != null
        || statusInspect
        || transportHealthInspect != null;
  }

  /** A multi-channel runner or report other than the shared transport health flag. */
  public boolean modeRequested() {
    return liveRunner
        || contractRunner
        || ingestFile != null
        || routeInspectFile != null
        || statusInspect;
  }

  /**
   * {@code --transport-health-inspect}: its target, or null. The flag is shared by every runtime
   * with a health snapshot; the deployment runtime answers {@code deployment}.
   */
  public String transportHealthTarget() {
    return transportHealthInspect;
  }

  /** {@code --transport-health-json}, or null when not given. */
  public Boolean transportHealthJson() {
    return transportHealthJson;
  }

  /** {@code --multi-channel-state-dir}, resolved against {@code workingDir}. */
  public Path stateDir(Map<String, String> env, Path workingDir) {
    return workingDir.resolve(
        value(stateDir, env, "TAU_MULTI_CHANNEL_STATE_DIR", DEFAULT_STATE_DIR));
  }

  /** {@code --multi-channel-live-ingress-dir}, resolved against {@code workingDir}. */
  public Path liveIngressDir(Map<String, String> env, Path workingDir) {
    return workingDir.resolve(
        value(liveIngressDir, env, "TAU_MULTI_CHANNEL_LIVE_INGRESS_DIR", DEFAULT_INGRESS_DIR));
  }

  /** {@code --multi-channel-live-ingest-dir}, resolved against {@code workingDir}. */
  public Path liveIngestDir(Map<String, String> env, Path workingDir) {
    return workingDir.resolve(
        value(ingestDir, env, "TAU_MULTI_CHANNEL_LIVE_INGEST_DIR", DEFAULT_INGRESS_DIR));
  }

  Path fixture(Map<String, String> env, Path workingDir) {
    return workingDir.resolve(value(fixture, env, "TAU_MULTI_CHANNEL_FIXTURE", DEFAULT_FIXTURE));
  }

  String ingestProvider(Map<String, String> env) {
    String provider =
        value(ingestProvider, env, "TAU_MULTI_CHANNEL_LIVE_INGEST_PROVIDER", "native-ingress");
    if (provider.isBlank()) {
      throw new InputException("--multi-channel-live-ingest-provider cannot be empty");
    }
    return provider.strip();
  }

  /**
   * The runner limits and policies.
   *
   * @throws InputException naming the flag when a value is malformed or out of range
   */
  public RunnerSettings runnerSettings(Map<String, String> env) {
    TelemetryPolicy telemetry =
        new TelemetryPolicy(
            bool(
                "--multi-channel-telemetry-typing-presence",
                value(
                    telemetryTypingPresence,
                    env,
                    "TAU_MULTI_CHANNEL_TELEMETRY_TYPING_PRESENCE",
                    "true")),
            bool(
                "--multi-channel-telemetry-usage-summary",
                value(
                    telemetryUsageSummary,
                    env,
                    "TAU_MULTI_CHANNEL_TELEMETRY_USAGE_SUMMARY",
                    "true")),
            bool(
                "--multi-channel-telemetry-include-identifiers",
                value(
                    telemetryIncludeIdentifiers,
                    env,
                    "TAU_MULTI_CHANNEL_TELEMETRY_INCLUDE_IDENTIFIERS",
                    "false")),
            (int)
                number(
                    "--multi-channel-telemetry-min-response-chars",
                    value(
                        telemetryMinResponseChars,
                        env,
                        "TAU_MULTI_CHANNEL_TELEMETRY_MIN_RESPONSE_CHARS",
                        "120"),
                    0,
                    Integer.MAX_VALUE));
    MediaPolicy media =
        new MediaPolicy(
            bool(
                "--multi-channel-media-understanding",
                value(mediaUnderstanding, env, "TAU_MULTI_CHANNEL_MEDIA_UNDERSTANDING", "true")),
            (int)
                number(
                    "--multi-channel-media-max-attachments",
                    value(mediaMaxAttachments, env, "TAU_MULTI_CHANNEL_MEDIA_MAX_ATTACHMENTS", "4"),
                    1,
                    Integer.MAX_VALUE),
            (int)
                number(
                    "--multi-channel-media-max-summary-chars",
                    value(
                        mediaMaxSummaryChars,
                        env,
                        "TAU_MULTI_CHANNEL_MEDIA_MAX_SUMMARY_CHARS",
                        "280"),
                    1,
                    Integer.MAX_VALUE));
    return new RunnerSettings(
        (int)
            number(
                "--multi-channel-queue-limit",
                value(queueLimit, env, "TAU_MULTI_CHANNEL_QUEUE_LIMIT", "64"),
                1,
                1_000_000),
        (int)
            number(
                "--multi-channel-processed-event-cap",
                value(processedEventCap, env, "TAU_MULTI_CHANNEL_PROCESSED_EVENT_CAP", "10000"),
                1,
                10_000_000),
        (int)
            number(
                "--multi-channel-retry-max-attempts",
                value(retryMaxAttempts, env, "TAU_MULTI_CHANNEL_RETRY_MAX_ATTEMPTS", "4"),
                1,
                100),
        number(
            "--multi-channel-retry-base-delay-ms",
            value(retryBaseDelayMs, env, "TAU_MULTI_CHANNEL_RETRY_BASE_DELAY_MS", "0"),
            0,
            3_600_000),
        number(
            "--multi-channel-retry-jitter-ms",
            value(retryJitterMs, env, "TAU_MULTI_CHANNEL_RETRY_JITTER_MS", "0"),
            0,
            3_600_000),
        telemetry,
        media);
  }

  /**
   * How attachments are downloaded: byte limit, time budget, loopback allowance.
   *
   * @throws InputException naming the flag when a value is malformed or out of range
   */
  public FetchSettings mediaFetchSettings(Map<String, String> env) {
    return new FetchSettings(
        number(
            "--multi-channel-media-max-attachment-bytes",
            value(
                mediaMaxAttachmentBytes,
                env,
                "TAU_MULTI_CHANNEL_MEDIA_MAX_ATTACHMENT_BYTES",
                Long.toString(FetchSettings.DEFAULT_MAX_BYTES)),
            1,
            1L << 30),
        Duration.ofMillis(mediaTimeoutMs(env)),
        bool(
            "--multi-channel-media-allow-loopback",
            value(mediaAllowLoopback, env, "TAU_MULTI_CHANNEL_MEDIA_ALLOW_LOOPBACK", "false")));
  }

  long mediaTimeoutMs(Map<String, String> env) {
    return number(
        "--multi-channel-media-timeout-ms",
        value(mediaTimeoutMs, env, "TAU_MULTI_CHANNEL_MEDIA_TIMEOUT_MS", "30000"),
        1,
        600_000);
  }

  /** {@code --multi-channel-media-transcription-base-url} or its variable, else null. */
  String mediaTranscriptionBaseUrl(Map<String, String> env) {
    String v =
        value(mediaTranscriptionBaseUrl, env, "TAU_MULTI_CHANNEL_MEDIA_TRANSCRIPTION_BASE_URL", "");
    return v.isBlank() ? null : v.strip();
  }

  String mediaTranscriptionModel(Map<String, String> env) {
    String v =
        value(
            mediaTranscriptionModel,
            env,
            "TAU_MULTI_CHANNEL_MEDIA_TRANSCRIPTION_MODEL",
            "whisper-1");
    if (v.isBlank()) {
      throw new InputException("--multi-channel-media-transcription-model cannot be empty");
    }
    return v.strip();
  }

  static String value(String flag, Map<String, String> env, String variable, String fallback) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
  }

  static long number(String flag, String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new InputException(flag + " must be a whole number, got '" + text.strip() + "'");
    }
    if (value < min || value > max) {
      throw new InputException(
          flag
              + " must be "
              + (max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max)
              + ", got "
              + value);
    }
    return value;
  }

  static boolean bool(String flag, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InputException(flag + " must be true or false, got '" + text.strip() + "'");
    };
  }
}
