package dev.tau.llm.testing;

import dev.tau.core.util.IdSource;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.http.Backoff;
import dev.tau.llm.http.ProviderHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Settings and retry options for adapter tests: nothing sleeps, randomness is seeded. */
public final class TestOptions {
  private TestOptions() {}

  public static ProviderHttp.Options recording(Consumer<Duration> sleeps) {
    return new ProviderHttp.Options(
        Clock.systemUTC(),
        (duration, cancellation) -> {
          cancellation.throwIfCancelled();
          sleeps.accept(duration);
        },
        new SplittableRandom(42),
        Backoff.DEFAULT);
  }

  public static ProviderSettings settings(
      String provider, URI baseUrl, String apiKey, int maxRetries) {
    return ProviderSettings.of(provider, baseUrl)
        .withApiKey(apiKey)
        .withMaxRetries(maxRetries)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(15));
  }

  public static IdSource ids() {
    return IdSource.sequential();
  }
}
