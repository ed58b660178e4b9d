package dev.tau.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.policy.Confirmer;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.config.CliOverrides;
import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.Source;
import dev.tau.cli.config.TauSettings;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatSessionTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
  private final Map<String, String> env = Map.of("OLLAMA_HOST", "http://127.0.0.1:9");
  private InMemorySessionStore store;
  private ChatSession chat;

  @BeforeEach
  void setUp() {
    TauSettings settings = SettingsResolver.resolve(CliOverrides.none(), env, dir);
    store = new InMemorySessionStore(clock);
    chat =
        new ChatSession(
            settings,
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

  private String said(String line) {
    out.getBuffer().setLength(0);
    chat.handle(line, new Cancellation());
    return out.toString();
  }

  @Test
  void aPromptRunsATurnAndIsPersisted() {
    assertThat(said("hello")).contains("You said: \"hello\"");
    assertThat(store.find(SessionId.DEFAULT)).isPresent();
    assertThat(chat.banner()).contains("(resumed, 3 events)");
  }

  @Test
  void exitAndQuitLeave() {
    assertThat(chat.handle("/exit", new Cancellation())).isEqualTo(ChatSession.Next.EXIT);
    assertThat(chat.handle("  /quit ", new Cancellation())).isEqualTo(ChatSession.Next.EXIT);
    assertThat(chat.handle("", new Cancellation())).isEqualTo(ChatSession.Next.CONTINUE);
  }

  @Test
  void sessionShowsAndSwitchesAndRejectsBadIds() {
    assertThat(said("/session")).contains("Session default-session (0 events");
    assertThat(said("/session work-1")).contains("Session work-1");
    assertThat(chat.sessionId()).isEqualTo(SessionId.of("work-1"));
    assertThat(said("/session bad id!")).contains("is invalid");
    assertThat(chat.sessionId()).isEqualTo(SessionId.of("work-1"));
  }

  @Test
  void clearStartsANewSessionAndNamesTheOldOne() {
    said("hello");
    assertThat(said("/clear"))
        .contains("Started session chat-20261123-101530")
        .contains("/session default-session");
    assertThat(chat.sessionId().value()).isEqualTo("chat-20261123-101530");
  }

  @Test
  void modelSwitchesOnlyToAWorkingProvider() {
    assertThat(said("/model")).contains("Model offline/echo");
    assertThat(said("/model anthropic/claude-sonnet-4-5"))
        .contains("Model unchanged (offline/echo)")
        .contains("ANTHROPIC_API_KEY");
    assertThat(said("/model not/")).contains("Model unchanged");
    assertThat(said("/model offline/other")).contains("Model offline/other");
    assertThat(chat.model().ref().toString()).isEqualTo("offline/other");
  }

  @Test
  void toolsListsEveryCodingToolWithItsPolicy() {
    String listing = said("/tools");
    assertThat(listing)
        .contains("read", "write", "edit", "bash", "ls", "glob", "grep")
        .contains("allowed");
  }

  @Test
  void unknownCommandsPointToHelp() {
    assertThat(said("/frobnicate")).contains("Unknown command /frobnicate").contains("/help");
    assertThat(said("/help"))
        .contains("/session")
        .contains("/model")
        .contains("/tools")
        .contains("/clear");
  }
}
