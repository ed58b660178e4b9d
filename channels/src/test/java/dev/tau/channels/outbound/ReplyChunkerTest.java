package dev.tau.channels.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.tau.channels.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ReplyChunkerTest {
  /** Any code points, emoji (surrogate pairs) and whitespace, mixed. */
  private static final Gen<String> TEXT =
      strings()
          .allPossible()
          .ofLengthBetween(0, 200)
          .zip(
              strings().betweenCodePoints(0x1F600, 0x1F64F).ofLengthBetween(0, 40),
              strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 60),
              (any, emoji, ascii) -> "  " + emoji + any + ascii + emoji + "\n ");

  @Test
  void chunksRejoinToTheTrimmedTextAndNoneExceedsTheLimitInScalars() {
    qt().withExamples(1000)
        .forAll(TEXT, integers().between(1, 64))
        .checkAssert(
            (text, size) -> {
              List<String> chunks = ReplyChunker.chunk(text, size);
              assertThat(String.join("", chunks)).isEqualTo(text.strip());
              for (int i = 0; i < chunks.size(); i++) {
                String chunk = chunks.get(i);
                int scalars = chunk.codePointCount(0, chunk.length());
                assertThat(scalars).isBetween(1, size);
                if (i < chunks.size() - 1) {
                  assertThat(scalars).isEqualTo(size);
                }
                if (i > 0) {
                  String previous = chunks.get(i - 1);
                  assertThat(
                          Character.isHighSurrogate(previous.charAt(previous.length() - 1))
                              && Character.isLowSurrogate(chunk.charAt(0)))
                      .as("no chunk boundary splits a surrogate pair")
                      .isFalse();
                }
              }
            });
  }

  @Test
  void countsUnicodeScalarsNotUtf16Units() {
    String smiles = "😀😀😀😀😀";
    assertThat(smiles.length()).isEqualTo(10);
    List<String> chunks = ReplyChunker.chunk(smiles, 2);
    assertThat(chunks).containsExactly("😀😀", "😀😀", "😀");
  }

  @Test
  void blankTextHasNoChunksAndABadSizeIsRefused() {
    assertThat(ReplyChunker.chunk(" \n\t ", 10)).isEmpty();
    assertThatThrownBy(() -> ReplyChunker.chunk("x", 0))
        .hasMessageContaining("chunk size must be > 0");
  }

  @Test
  void chunkSizeIsTheSmallerOfMaxCharsAndThePlatformsSafeMaximum() {
    assertThat(ReplyChunker.chunkSize(Transport.TELEGRAM, 10_000)).isEqualTo(4096);
    assertThat(ReplyChunker.chunkSize(Transport.DISCORD, 10_000)).isEqualTo(2000);
    assertThat(ReplyChunker.chunkSize(Transport.WHATSAPP, 10_000)).isEqualTo(1024);
    assertThat(ReplyChunker.chunkSize(Transport.DISCORD, 1200)).isEqualTo(1200);
  }

  @Test
  void truncateKeeps512ScalarsAndMarksTheCut() {
    assertThat(ReplyChunker.truncate("a".repeat(512))).isEqualTo("a".repeat(512));
    assertThat(ReplyChunker.truncate("😀".repeat(600))).isEqualTo("😀".repeat(512) + "...");
  }
}
