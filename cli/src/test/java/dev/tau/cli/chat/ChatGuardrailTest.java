package dev.tau.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.policy.Confirmer;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.config.CliOverrides;
import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.Source;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;
import dev.tau.core.util.IdSource;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.store.memory.InMemorySessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guardrails in chat: the offline provider echoes the prompt, so it can produce any output. */
class ChatGuardrailTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
  private final InMemorySessionStore store = new InMemorySessionStore(clock);

  private ChatSession chat(String inputMode, String outputMode) {
    Map<String, String> env =
        Map.of(
            "OLLAMA_HOST", "http://127.0.0.1:9",
            "TAU_GUARDRAIL_INPUT_MODE", inputMode,
            "TAU_GUARDRAIL_OUTPUT_MODE", outputMode);
    return new ChatSession(
        SettingsResolver.resolve(CliOverrides.none(), env, dir),
        env,
        new ModelChoice(new ModelRef("offline", "echo"), Source.DEFAULT, ""),
        new OfflineProvider(IdSource.sequential()),
        store,
        SessionId.DEFAULT,
        Confirmer.UNATTENDED,
        clock,
        new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  @Test
  void aBlockedPromptIsReportedAndTheChatGoesOn() {
    ChatSession chat = chat("block", "disabled");
    assertThat(chat.handle("my password is hunter2", new Cancellation()))
        .isEqualTo(ChatSession.Next.CONTINUE);
    assertThat(err.toString())
        .contains("guardrail blocked input content due to matched terms (password)")
        .doesNotContain("hunter2");
    assertThat(store.find(SessionId.DEFAULT)).isEmpty();

    chat.handle("hello", new Cancellation());
    assertThat(out.toString()).contains("You said: \"hello\"");
  }

  @Test
  void redactedOutputIsPrintedWithoutTheMatchAndTheBannerSaysItIsBuffered() {
    ChatSession chat = chat("disabled", "redact");
    assertThat(chat.banner()).contains("Output guardrail is redact");
    chat.handle("write to ada@example.com", new Cancellation());
    assertThat(out.toString()).contains("write to [REDACTED]").doesNotContain("ada@example.com");
  }

  @Test
  void blockedOutputPrintsNoneOfTheAnswer() {
    ChatSession chat = chat("observe", "block");
    chat.handle("the secret word", new Cancellation());
    assertThat(out.toString()).doesNotContain("secret word");
    assertThat(err.toString()).contains("guardrail blocked output content due to matched terms");
  }
}
