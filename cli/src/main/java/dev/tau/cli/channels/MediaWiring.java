package dev.tau.cli.channels;

import dev.tau.channels.media.AttachmentFetcher;
import dev.tau.channels.media.MediaUnderstander;
import dev.tau.channels.media.MediaUnderstanding;
import dev.tau.channels.media.OpenAiTranscriber;
import dev.tau.channels.media.ProviderMediaReader;
import dev.tau.channels.outbound.SsrfGuard;
import dev.tau.cli.ModelChoice;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.llm.KnownProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Wires media understanding for a runner (tau-spec §5.11): images (and, with Gemini, video) through
 * the runner's own model, audio through an OpenAI-compatible transcription endpoint. With the
 * offline provider nothing is downloaded: the built-in metadata-only reader answers, so demos and
 * tests stay deterministic and offline.
 */
public final class MediaWiring {
  static final String TRANSCRIPTION_KEY_VARIABLE = "TAU_MULTI_CHANNEL_MEDIA_TRANSCRIPTION_API_KEY";

  private MediaWiring() {}

  /**
   * @throws InputException when a media flag is malformed
   */
  public static MediaUnderstanding understanding(
      MultiChannelOptions options,
      ModelChoice choice,
      ModelProvider provider,
      Map<String, String> env) {
    return understanding(options, choice, provider, env, SsrfGuard.HostResolver.system());
  }

  static MediaUnderstanding understanding(
      MultiChannelOptions options,
      ModelChoice choice,
      ModelProvider provider,
      Map<String, String> env,
      SsrfGuard.HostResolver resolver) {
    AttachmentFetcher fetcher;
    try {
      fetcher = new AttachmentFetcher(options.mediaFetchSettings(env), resolver);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    if (choice.offline()) {
      return MediaUnderstanding.metadataOnly();
    }
    OpenAiTranscriber transcriber = transcriber(options, env);
    return new MediaUnderstander(
        new ProviderMediaReader(
            fetcher,
            provider,
            choice.ref().model(),
            ProviderMediaReader.acceptsVideo(choice.ref().provider()),
            transcriber,
            "audio transcription is not configured: set OPENAI_API_KEY or "
                + TRANSCRIPTION_KEY_VARIABLE
                + ", or --multi-channel-media-transcription-base-url for a server without a key"));
  }

  /**
   * The transcription endpoint: the flag's base URL (a key optional) or the OpenAI provider's base
   * URL and key; none when there is neither an explicit base nor a key.
   */
  static OpenAiTranscriber transcriber(MultiChannelOptions options, Map<String, String> env) {
    String explicitBase = options.mediaTranscriptionBaseUrl(env);
    String key = key(env);
    if (explicitBase == null && key.isEmpty()) {
      return null;
    }
    KnownProvider openai = KnownProvider.OPENAI;
    String base = explicitBase;
    if (base == null) {
      String fromEnv = env.get(openai.baseUrlVariable());
      base = fromEnv == null || fromEnv.isBlank() ? openai.defaultBaseUrl().toString() : fromEnv;
    }
    try {
      return new OpenAiTranscriber(
          new OpenAiTranscriber.Settings(
              URI.create(base.strip()),
              options.mediaTranscriptionModel(env),
              key,
              Duration.ofMillis(options.mediaTimeoutMs(env))));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          e.getMessage().startsWith("multi-channel")
              ? "--" + e.getMessage()
              : "--multi-channel-media-transcription-base-url is not a URL");
    }
  }

  private static String key(Map<String, String> env) {
    String own = env.get(TRANSCRIPTION_KEY_VARIABLE);
    if (own != null && !own.isBlank()) {
      return own.strip();
    }
    for (String variable : KnownProvider.OPENAI.keyVariables()) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    String generic = env.get(KnownProvider.GENERIC_KEY_VARIABLE);
    return generic == null ? "" : generic.strip();
  }
}
