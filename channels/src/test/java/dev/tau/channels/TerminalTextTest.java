package dev.tau.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.ingress.InboxLine;
import dev.tau.channels.ingress.IngressReason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void escapeSequencesNewLinesAndBidiOverridesBecomeQuestionMarks() {
    String hostile = "Eve\u001b[2J\r\nPaired actors: 0\u202etxt.exe\u0085\u009b31m\u200b\u2028x";
    assertThat(TerminalText.safe(hostile))
        .isEqualTo("Eve?[2J??Paired actors: 0?txt.exe??31m??x")
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
  }

  @Test
  void ordinaryTextAndEmojiStayAsTheyAre() {
    String name = "Zoë 🦊 Ωμέγα — 名前";
    assertThat(TerminalText.safe(name)).isSameAs(name);
    assertThat(TerminalText.safe(null)).isEmpty();
  }

  @Test
  void anInboxDiagnosticQuotingThePayloadIsSafeForTheTerminal() {
    var invalid =
        new InboxLine.Invalid(
            Path.of("telegram.ndjson"),
            3,
            IngressReason.UNSUPPORTED_TRANSPORT,
            "unsupported transport 'x\u001b[8m\u202e'");
    assertThat(invalid.diagnostic())
        .endsWith("detail=unsupported transport 'x?[8m?'")
        .doesNotContain("\u001b")
        .doesNotContain("\u202e");
  }
}
