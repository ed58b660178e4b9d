package dev.tau.channels.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.runtime.MediaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MediaUnderstanderTest {

  /** Answers per kind, records what it was asked to read. */
  private static final class FakeReader implements MediaReader {
    final List<String> read = new ArrayList<>();
    String text = "A cat on a sofa.";
    MediaException failure;
    boolean videoSupported = true;

    @Override
    public Optional<String> unsupported(MediaKind kind) {
      return kind == MediaKind.VIDEO && !videoSupported
          ? Optional.of("video needs a provider that takes video input")
          : Optional.empty();
    }

    @Override
    public String read(MediaKind kind, Attachment a) {
      read.add(a.attachmentId());
      if (failure != null) {
        throw failure;
      }
      return kind.wire() + ": " + text;
    }
  }

  private final FakeReader reader = new FakeReader();
  private final MediaUnderstander understander = new MediaUnderstander(reader);

  static Attachment att(String id, String url, String type, String name) {
    return new Attachment(id, url, type, name, 2048);
  }

  static InboundEvent event(Attachment... attachments) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.MESSAGE,
        "1",
        "chat-100",
        "",
        "user-7",
        "",
        1000,
        "look",
        List.of(attachments),
        Map.of());
  }

  private static List<String> codes(MediaReport report) {
    return report.outcomes().stream().map(o -> o.reason().wire()).toList();
  }

  @Test
  void kindComesFromContentTypeThenFileNameThenUrlPath() {
    assertThat(MediaKind.of(att("a", "https://x/y", "image/png", ""))).isEqualTo(MediaKind.IMAGE);
    assertThat(MediaKind.of(att("a", "https://x/y", "", "voice.OGG"))).isEqualTo(MediaKind.AUDIO);
    assertThat(MediaKind.of(att("a", "https://x/clip.mkv?sig=1#t", "", "")))
        .isEqualTo(MediaKind.VIDEO);
    assertThat(MediaKind.of(att("a", "https://x/doc.pdf", "application/pdf", "doc.pdf")))
        .isEqualTo(MediaKind.UNSUPPORTED);
  }

  @Test
  void imagesAudioAndVideoAreProcessedWithTheirReasonCodesAndOperations() {
    MediaReport report =
        understander.understand(
            event(
                att("i", "https://x/cat.png", "image/png", "cat.png"),
                att("a", "https://x/voice.ogg", "audio/ogg", "voice.ogg"),
                att("v", "https://x/clip.mp4", "video/mp4", "clip.mp4")),
            MediaPolicy.DEFAULTS);

    assertThat(codes(report))
        .containsExactly(
            "media_image_described", "media_audio_transcribed", "media_video_summarized");
    assertThat(report.outcomes())
        .extracting(MediaOutcome::operation)
        .containsExactly("describe", "transcribe", "summarize");
    assertThat(report.outcomes().getFirst().summary()).isEqualTo("image: A cat on a sofa.");
    assertThat(report.count(MediaDecision.PROCESSED)).isEqualTo(3);
  }

  @Test
  void disabledSkipsEveryAttachmentWithoutReadingIt() {
    MediaReport report =
        understander.understand(
            event(att("i", "https://x/cat.png", "image/png", "cat.png")),
            new MediaPolicy(false, 4, 280));

    assertThat(codes(report)).containsExactly("media_understanding_disabled");
    assertThat(report.outcomes().getFirst().decision()).isEqualTo(MediaDecision.SKIPPED);
    assertThat(reader.read).isEmpty();
  }

  @Test
  void theSameUrlTwiceIsReadOnceAndDuplicatesDoNotCountTowardsTheLimit() {
    MediaReport report =
        understander.understand(
            event(
                att("i", "https://x/cat.png", "image/png", "cat.png"),
                att("i-copy", "https://X/CAT.PNG", "image/png", "cat.png"),
                att("j", "https://x/dog.png", "image/png", "dog.png"),
                att("k", "https://x/eel.png", "image/png", "eel.png")),
            new MediaPolicy(true, 2, 280));

    assertThat(codes(report))
        .containsExactly(
            "media_image_described",
            "media_duplicate_attachment",
            "media_image_described",
            "media_attachment_limit_exceeded");
    assertThat(report.outcomes())
        .extracting(MediaOutcome::decision)
        .containsExactly(
            MediaDecision.PROCESSED,
            MediaDecision.SKIPPED,
            MediaDecision.PROCESSED,
            MediaDecision.SKIPPED);
    assertThat(reader.read).containsExactly("i", "j");
  }

  @Test
  void unsupportedTypesAndKindsTheReaderCannotTakeAreSkipped() {
    reader.videoSupported = false;
    MediaReport report =
        understander.understand(
            event(
                att("d", "https://x/doc.pdf", "application/pdf", "doc.pdf"),
                att("v", "https://x/clip.mp4", "video/mp4", "clip.mp4")),
            MediaPolicy.DEFAULTS);

    assertThat(codes(report))
        .containsExactly("media_unsupported_attachment_type", "media_unsupported_attachment_type");
    assertThat(report.outcomes())
        .extracting(MediaOutcome::mediaKind)
        .containsExactly("unsupported", "video");
    assertThat(report.outcomes().get(1).detail()).contains("video input");
    assertThat(reader.read).isEmpty();
  }

  @Test
  void aReaderFailureIsAFailedProviderErrorAndTheSizeLimitASkip() {
    reader.failure = new MediaException("model openai/gpt-4o-mini failed (rate_limited)", true);
    MediaOutcome failed =
        understander
            .understand(
                event(att("i", "https://x/cat.png", "image/png", "cat.png")), MediaPolicy.DEFAULTS)
            .outcomes()
            .getFirst();
    assertThat(failed.decision()).isEqualTo(MediaDecision.FAILED);
    assertThat(failed.reason()).isEqualTo(MediaReason.MEDIA_PROVIDER_ERROR);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.operation()).isEqualTo("describe");

    reader.failure = MediaException.tooLarge("attachment is larger than the 10-byte limit");
    MediaOutcome big =
        understander
            .understand(
                event(att("i", "https://x/cat.png", "image/png", "cat.png")), MediaPolicy.DEFAULTS)
            .outcomes()
            .getFirst();
    assertThat(big.decision()).isEqualTo(MediaDecision.SKIPPED);
    assertThat(big.reason()).isEqualTo(MediaReason.MEDIA_ATTACHMENT_LIMIT_EXCEEDED);
    assertThat(big.detail()).contains("10-byte limit");
  }

  @Test
  void summariesAreFlattenedAndTruncatedWithAFloorOfSixteen() {
    reader.text = "line one\nline two\r\n\tand a long tail that goes on";
    MediaOutcome cut =
        understander
            .understand(
                event(att("i", "https://x/cat.png", "image/png", "cat.png")),
                new MediaPolicy(true, 4, 20))
            .outcomes()
            .getFirst();
    assertThat(cut.summary()).isEqualTo("image: line one lin...");
    assertThat(cut.truncated()).isTrue();

    MediaOutcome floor =
        understander
            .understand(
                event(att("i", "https://x/cat.png", "image/png", "cat.png")),
                new MediaPolicy(true, 4, 3))
            .outcomes()
            .getFirst();
    assertThat(floor.summary()).isEqualTo("image: line one...");
  }

  @Test
  void theReportCountsRoundTripsAndRendersThePromptBlock() {
    reader.videoSupported = false;
    MediaReport report =
        understander.understand(
            event(
                att("i", "https://x/cat.png", "image/png", "cat.png"),
                att("v", "https://x/clip.mp4", "video/mp4", "clip.mp4")),
            MediaPolicy.DEFAULTS);
    ObjectNode json = report.toJson();

    assertThat(json.path("processed").asInt()).isEqualTo(1);
    assertThat(json.path("skipped").asInt()).isEqualTo(1);
    assertThat(json.path("failed").asInt()).isZero();
    assertThat(json.path("reason_code_counts").path("media_image_described").asInt()).isEqualTo(1);
    assertThat(json.path("outcomes").get(0).path("summary_chars").asInt())
        .isEqualTo("image: A cat on a sofa.".length());
    assertThat(MediaReport.fromJson(json)).isEqualTo(report);
    assertThat(report.promptBlock())
        .isEqualTo(
            "Media understanding outcomes:\n"
                + "- attachment_id=i decision=processed media_kind=image operation=describe"
                + " reason_code=media_image_described summary=image: A cat on a sofa.\n"
                + "- attachment_id=v decision=skipped media_kind=video operation=none"
                + " reason_code=media_unsupported_attachment_type detail=video needs a provider"
                + " that takes video input");
  }

  @Test
  void theBuiltInReaderDescribesFromMetadataOnly() {
    MediaOutcome o =
        MediaUnderstanding.metadataOnly()
            .understand(
                event(att("i", "https://example.com/image.png", "image/png", "image.png")),
                MediaPolicy.DEFAULTS)
            .outcomes()
            .getFirst();
    assertThat(o.summary())
        .isEqualTo(
            "Image 'image.png' described from metadata (content_type='image/png',"
                + " size_bytes=2048, source='https://example.com/image.png').");
  }
}
