package dev.tau.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.media.MediaOutcome;
import dev.tau.channels.media.MediaReport;
import dev.tau.channels.media.MediaUnderstanding;
import dev.tau.channels.runtime.MediaPolicy;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.config.Source;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.llm.ProviderFactory;
import dev.tau.llm.ProviderSettings;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaWiringTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private final HttpServer files;
  private final FakeOpenAiServer openai = new FakeOpenAiServer();

  MediaWiringTest() throws Exception {
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext(
        "/",
        exchange -> {
          try (exchange) {
            fetched.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
          }
        });
    files.start();
  }

  @AfterEach
  void stop() {
    files.stop(0);
    openai.close();
  }

  private static MultiChannelOptions options(String allowLoopback) {
    MultiChannelOptions o = new MultiChannelOptions();
    o.mediaAllowLoopback = allowLoopback;
    return o;
  }

  private InboundEvent withImage() {
    String url = "http://localhost:" + files.getAddress().getPort() + "/photo.png";
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.MESSAGE,
        "1",
        "chat-1",
        "",
        "user-1",
        "",
        1000,
        "look",
        List.of(new Attachment("p1", url, "image/png", "photo.png", 0)),
        Map.of());
  }

  private ModelProvider openAiProvider() {
    return ProviderFactory.create(
        new ModelRef("openai", "gpt-4o-mini"),
        ProviderSettings.of("openai", openai.baseUrl()).withApiKey("sk-test").withMaxRetries(0));
  }

  private static ModelChoice choice(String provider, String model) {
    return new ModelChoice(new ModelRef(provider, model), Source.DEFAULT, "");
  }

  @Test
  void anImageIsDescribedByTheConfiguredProviderThroughImageInput() {
    openai.enqueue(FakeReply.text("A photo of a lighthouse at dusk."));
    MediaUnderstanding media =
        MediaWiring.understanding(
            options("true"), choice("openai", "gpt-4o-mini"), openAiProvider(), Map.of());

    MediaReport report = media.understand(withImage(), MediaPolicy.DEFAULTS);

    MediaOutcome outcome = report.outcomes().getFirst();
    assertThat(outcome.reason().wire()).isEqualTo("media_image_described");
    assertThat(outcome.summary()).isEqualTo("A photo of a lighthouse at dusk.");
    String body = openai.lastRequest().body();
    assertThat(body)
        .contains("\"input_image\"")
        .contains("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
    assertThat(fetched).containsExactly("/photo.png");
  }

  @Test
  void withoutTheLoopbackAllowanceALocalUrlIsRefusedAndNeverFetched() {
    MediaUnderstanding media =
        MediaWiring.understanding(
            options(null), choice("openai", "gpt-4o-mini"), openAiProvider(), Map.of());

    MediaOutcome outcome =
        media.understand(withImage(), MediaPolicy.DEFAULTS).outcomes().getFirst();

    assertThat(outcome.reason().wire()).isEqualTo("media_provider_error");
    assertThat(outcome.detail()).contains("ssrf_blocked");
    assertThat(fetched).isEmpty();
    assertThat(openai.requests()).isEmpty();
  }

  @Test
  void theOfflineProviderUsesTheMetadataReaderAndDownloadsNothing() {
    MediaUnderstanding media =
        MediaWiring.understanding(
            options("true"), choice("offline", "script"), openAiProvider(), Map.of());

    MediaOutcome outcome =
        media.understand(withImage(), MediaPolicy.DEFAULTS).outcomes().getFirst();

    assertThat(outcome.summary()).startsWith("Image 'photo.png' described from metadata");
    assertThat(fetched).isEmpty();
  }

  @Test
  void transcriptionComesFromTheOpenAiSettingsUnlessItsOwnVariablesSayOtherwise() {
    MultiChannelOptions o = options(null);
    assertThat(MediaWiring.transcriber(o, Map.of())).isNull();
    assertThat(
            MediaWiring.transcriber(
                    o,
                    Map.of(
                        "OPENAI_API_KEY", "sk-a", "TAU_OPENAI_BASE_URL", "http://127.0.0.1:9/v1"))
                .toString())
        .contains("baseUrl=http://127.0.0.1:9/v1", "model=whisper-1", "apiKey=(set)")
        .doesNotContain("sk-a");
    o.mediaTranscriptionBaseUrl = "http://127.0.0.1:8000/v1";
    o.mediaTranscriptionModel = "whisper-large-v3";
    assertThat(MediaWiring.transcriber(o, Map.of()).toString())
        .contains("baseUrl=http://127.0.0.1:8000/v1", "whisper-large-v3", "apiKey=(none)");
  }

  @Test
  void malformedMediaFlagsAreInputErrorsNamingTheFlag() {
    MultiChannelOptions o = options("maybe");
    assertThatThrownBy(
            () ->
                MediaWiring.understanding(
                    o, choice("openai", "gpt-4o-mini"), openAiProvider(), Map.of()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--multi-channel-media-allow-loopback");
    MultiChannelOptions big = options(null);
    big.mediaMaxAttachmentBytes = "0";
    assertThatThrownBy(
            () ->
                MediaWiring.understanding(
                    big, choice("openai", "gpt-4o-mini"), openAiProvider(), Map.of()))
        .hasMessageContaining("--multi-channel-media-max-attachment-bytes");
    MultiChannelOptions url = options(null);
    url.mediaTranscriptionBaseUrl = "ftp://x";
    assertThatThrownBy(() -> MediaWiring.transcriber(url, Map.of()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--multi-channel-media-transcription-base-url");
  }
}
