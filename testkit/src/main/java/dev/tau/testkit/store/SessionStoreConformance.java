package dev.tau.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoreException;
import dev.tau.core.session.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must show. An implementation's test extends this class
 * and says how to build the store; persistent stores also override {@link #reopen} so the suite
 * checks that data survives a close and open.
 *
 * <p>The suite uses only the SPI: no SQL, files or backend details. Session timestamps come from
 * the given clock (whole milliseconds here, so every backend can store them exactly).
 */
public abstract class SessionStoreConformance {
  /** The time the clock starts at in every test. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** The clock handed to the store; tests move it explicitly. */
  protected final MutableClock clock = new MutableClock(T0);

  private SessionStore store;

  /** A new, empty store using {@code clock} for session timestamps. */
  protected abstract SessionStore newStore(Clock clock);

  /**
   * A store over the same data as {@code store}: persistent stores close it and open it again; the
   * default (for in-memory stores) returns it unchanged.
   */
  protected SessionStore reopen(SessionStore store, Clock clock) {
    return store;
  }

  @BeforeEach
  final void openStore() {
    store = newStore(clock);
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }

  private SessionStore restarted() {
    store = reopen(store, clock);
    return store;
  }

  @Test
  void appendedEventsReadBackInOrderWithSeqFromOne() {
    SessionId id = SessionId.of("s1");
    List<SessionEvent> events = List.of(user("one"), assistant("two"), user("three"));

    List<StoredEvent> stored = store.append(id, events);

    assertThat(stored).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(stored).extracting(StoredEvent::event).containsExactlyElementsOf(events);
    assertThat(store.events(id)).isEqualTo(stored);
    assertThat(restarted().events(id)).isEqualTo(stored);
  }

  @Test
  void laterAppendsContinueTheSequence() {
    SessionId id = SessionId.of("s1");
    store.append(id, List.of(user("a"), user("b")));

    List<StoredEvent> second = store.append(id, List.of(user("c"), user("d"), user("e")));
    List<StoredEvent> afterRestart = restarted().append(id, List.of(user("f")));

    assertThat(second).extracting(StoredEvent::seq).containsExactly(3L, 4L, 5L);
    assertThat(afterRestart).extracting(StoredEvent::seq).containsExactly(6L);
    assertThat(store.events(id))
        .extracting(e -> texts(e.event()))
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void everyKindOfEventRoundTripsExactly() {
    SessionId id = SessionId.of("kinds");
    List<SessionEvent> events = everyKindOfEvent();

    List<StoredEvent> stored = store.append(id, events);

    assertThat(stored).extracting(StoredEvent::event).containsExactlyElementsOf(events);
    assertThat(store.events(id)).extracting(StoredEvent::event).containsExactlyElementsOf(events);
    assertThat(restarted().events(id))
        .extracting(StoredEvent::event)
        .containsExactlyElementsOf(events);
  }

  @Test
  void appendToANewSessionCreatesIt() {
    SessionId id = SessionId.of("fresh");
    assertThat(store.find(id)).isEmpty();

    store.append(id, List.of(user("hi"), assistant("hello")));

    assertThat(store.find(id)).contains(new SessionInfo(id, T0, T0, 2));
    assertThat(store.list()).containsExactly(new SessionInfo(id, T0, T0, 2));
  }

  @Test
  void appendMovesUpdatedAtAndCountButKeepsCreatedAt() {
    SessionId id = SessionId.of("grows");
    store.append(id, List.of(user("first")));

    Instant later = clock.advance(Duration.ofMinutes(5));
    store.append(id, List.of(assistant("second"), user("third")));

    assertThat(store.find(id)).contains(new SessionInfo(id, T0, later, 3));
    assertThat(restarted().find(id)).contains(new SessionInfo(id, T0, later, 3));
  }

  @Test
  void appendOfNoEventsStoresNothing() {
    SessionId id = SessionId.of("empty");

    assertThat(store.append(id, List.of())).isEmpty();

    assertThat(store.find(id)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void unknownSessionHasNoEventsAndNoSummary() {
    SessionId id = SessionId.of("nobody");

    assertThat(store.events(id)).isEmpty();
    assertThat(store.recentEvents(id, 3)).isEmpty();
    assertThat(store.find(id)).isEmpty();
  }

  @Test
  void listIsEmptyForANewStore() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void listShowsSessionsNewestUpdatedFirst() {
    Instant t1 = T0.plusSeconds(1);
    Instant t2 = T0.plusSeconds(2);
    Instant t3 = T0.plusSeconds(3);
    Instant t4 = T0.plusSeconds(4);
    clock.set(t1);
    store.append(SessionId.of("a"), List.of(user("a1")));
    clock.set(t2);
    store.append(SessionId.of("b"), List.of(user("b1"), user("b2")));
    clock.set(t3);
    store.append(SessionId.of("c"), List.of(user("c1")));
    clock.set(t4);
    store.append(SessionId.of("a"), List.of(user("a2")));

    List<SessionInfo> expected =
        List.of(
            new SessionInfo(SessionId.of("a"), t1, t4, 2),
            new SessionInfo(SessionId.of("c"), t3, t3, 1),
            new SessionInfo(SessionId.of("b"), t2, t2, 2));
    assertThat(store.list()).isEqualTo(expected);
    assertThat(restarted().list()).isEqualTo(expected);
  }

  @Test
  void recentEventsReturnsTheLastEventsInOrder() {
    SessionId id = SessionId.of("recent");
    store.append(id, List.of(user("1"), user("2"), user("3"), user("4"), user("5")));

    assertThat(store.recentEvents(id, 2)).extracting(StoredEvent::seq).containsExactly(4L, 5L);
    assertThat(store.recentEvents(id, 2))
        .extracting(e -> texts(e.event()))
        .containsExactly("4", "5");
    assertThat(store.recentEvents(id, 1)).extracting(StoredEvent::seq).containsExactly(5L);
    assertThat(store.recentEvents(id, 5)).isEqualTo(store.events(id));
    assertThat(store.recentEvents(id, 50)).isEqualTo(store.events(id));
  }

  @Test
  void recentEventsWithZeroOrNegativeLimitReturnsAll() {
    SessionId id = SessionId.of("recent-all");
    store.append(id, List.of(user("1"), user("2"), user("3")));

    assertThat(store.recentEvents(id, 0)).hasSize(3).isEqualTo(store.events(id));
    assertThat(store.recentEvents(id, -1)).hasSize(3).isEqualTo(store.events(id));
  }

  @Test
  void findReportsCountsPerSession() {
    store.append(SessionId.of("x"), List.of(user("1")));
    store.append(SessionId.of("y"), List.of(user("1"), user("2"), user("3")));

    assertThat(store.find(SessionId.of("x"))).map(SessionInfo::eventCount).contains(1L);
    assertThat(store.find(SessionId.of("y"))).map(SessionInfo::eventCount).contains(3L);
  }

  @Test
  void deleteRemovesTheSessionAndItsEventsOnly() {
    SessionId gone = SessionId.of("gone");
    SessionId kept = SessionId.of("kept");
    store.append(gone, List.of(user("g1"), user("g2")));
    List<StoredEvent> keptEvents = store.append(kept, List.of(user("k1")));

    assertThat(store.delete(gone)).isTrue();

    assertThat(store.events(gone)).isEmpty();
    assertThat(store.recentEvents(gone, 1)).isEmpty();
    assertThat(store.find(gone)).isEmpty();
    assertThat(store.list()).extracting(SessionInfo::id).containsExactly(kept);
    assertThat(restarted().events(gone)).isEmpty();
    assertThat(store.events(kept)).isEqualTo(keptEvents);
  }

  @Test
  void deleteReturnsFalseWhenTheSessionDoesNotExist() {
    SessionId id = SessionId.of("twice");
    store.append(id, List.of(user("x")));

    assertThat(store.delete(SessionId.of("never"))).isFalse();
    assertThat(store.delete(id)).isTrue();
    assertThat(store.delete(id)).isFalse();
  }

  @Test
  void aDeletedSessionStartsAgainFromSeqOne() {
    SessionId id = SessionId.of("again");
    store.append(id, List.of(user("old1"), user("old2")));
    store.delete(id);
    Instant later = clock.advance(Duration.ofHours(1));

    List<StoredEvent> stored = store.append(id, List.of(user("new")));

    assertThat(stored).extracting(StoredEvent::seq).containsExactly(1L);
    assertThat(store.events(id)).extracting(e -> texts(e.event())).containsExactly("new");
    assertThat(store.find(id)).contains(new SessionInfo(id, later, later, 1));
  }

  @Test
  void concurrentAppendersToOneSessionKeepSeqDenseAndLoseNothing() throws Exception {
    SessionId id = SessionId.of("busy");
    int writers = 16;
    int appendsEach = 20;

    List<List<StoredEvent>> acks = appendConcurrently(List.of(id), writers, appendsEach);

    int total = writers * appendsEach * 2;
    List<StoredEvent> events = store.events(id);
    assertThat(events)
        .extracting(StoredEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(store.find(id)).map(SessionInfo::eventCount).contains((long) total);
    assertEveryAckIsStoredAsAcknowledged(events, acks);
    assertEachWriterKeptItsOrder(events, id, writers, appendsEach);
  }

  @Test
  void concurrentAppendersToSeveralSessionsKeepEachSessionDense() throws Exception {
    List<SessionId> ids =
        List.of(
            SessionId.of("p0"),
            SessionId.of("p1"),
            SessionId.of("p2"),
            SessionId.of("p3"),
            SessionId.of("p4"),
            SessionId.of("p5"));
    int writersPerSession = 4;
    int appendsEach = 10;

    List<List<StoredEvent>> acks = appendConcurrently(ids, writersPerSession, appendsEach);

    int perSession = writersPerSession * appendsEach * 2;
    assertThat(store.list()).extracting(SessionInfo::id).containsExactlyInAnyOrderElementsOf(ids);
    for (SessionId id : ids) {
      List<StoredEvent> events = store.events(id);
      assertThat(events)
          .extracting(StoredEvent::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, perSession).boxed().toList());
      assertThat(events).allSatisfy(e -> assertThat(texts(e.event())).startsWith(id.value() + "/"));
      assertEachWriterKeptItsOrder(events, id, writersPerSession, appendsEach);
      assertThat(store.find(id)).map(SessionInfo::eventCount).contains((long) perSession);
    }
    for (int i = 0; i < ids.size(); i++) {
      List<StoredEvent> events = store.events(ids.get(i));
      List<List<StoredEvent>> own =
          acks.subList(i * writersPerSession, (i + 1) * writersPerSession);
      assertEveryAckIsStoredAsAcknowledged(events, own);
    }
  }

  @Test
  void sessionIdsAreValidatedBeforeTheyReachTheStore() {
    assertThatThrownBy(() -> SessionId.of("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has space");
    assertThatThrownBy(() -> SessionId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionId.of("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionId.of("semi;colon"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyValidIdIsKeptExactlyAndCaseSensitively() {
    SessionId longest = SessionId.of("A.b_c:d@e-f0" + "z".repeat(116));
    SessionId upper = SessionId.of("Chat");
    SessionId lower = SessionId.of("chat");

    store.append(longest, List.of(user("long")));
    store.append(upper, List.of(user("upper")));
    store.append(lower, List.of(user("lower"), user("lower2")));

    SessionStore reopened = restarted();
    assertThat(reopened.list())
        .extracting(SessionInfo::id)
        .containsExactlyInAnyOrder(longest, upper, lower);
    assertThat(reopened.events(longest)).extracting(e -> texts(e.event())).containsExactly("long");
    assertThat(reopened.events(upper)).extracting(e -> texts(e.event())).containsExactly("upper");
    assertThat(reopened.find(lower)).map(SessionInfo::eventCount).contains(2L);
  }

  @Test
  void nullArgumentsAreRejectedAndStoreNothing() {
    SessionId id = SessionId.of("nulls");
    List<SessionEvent> withNull = Arrays.asList(user("ok"), null);

    assertThatThrownBy(() -> store.append(null, List.of(user("x"))))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.append(id, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.append(id, withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.events(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.delete(null)).isInstanceOf(NullPointerException.class);

    assertThat(store.find(id)).isEmpty();
  }

  @Test
  void aClosedStoreRefusesWorkAndClosesTwiceQuietly() {
    SessionId id = SessionId.of("closing");
    store.append(id, List.of(user("x")));

    store.close();
    store.close();

    assertThatThrownBy(() -> store.append(id, List.of(user("y"))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.events(id)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.list()).isInstanceOf(StoreException.class);
  }

  @Test
  void describeIsShortAndNonBlank() {
    assertThat(store.describe()).isNotBlank().doesNotContain("\n");
  }

  /** One event of each shape Tau stores: every role, every content part, tool calls, usage. */
  protected static List<SessionEvent> everyKindOfEvent() {
    Instant at = Instant.parse("2026-03-01T10:00:00.123456789Z");
    ToolCall read = new ToolCall("call_1", "read_file", "{\"path\":\"notes.md\"}");
    ToolCall shell = new ToolCall("call_2", "bash", "{\"command\":\"ls -la\",\"timeout\":30}");
    return List.of(
        new SessionEvent.MessageAppended(
            at, Message.system("You are Tau.\nAnswer briefly; quote \"exactly\".")),
        new SessionEvent.MessageAppended(
            at.plusNanos(1),
            new Message.User(
                List.of(
                    ContentPart.text("What is in this picture? ünïcödé ✓ 🐈"),
                    new ContentPart.Image(new MediaSource.Base64("image/png", "iVBORw0KGgo=")),
                    new ContentPart.Image(new MediaSource.Url("https://example.com/cat.jpg")),
                    new ContentPart.Audio(new MediaSource.Base64("audio/wav", "UklGRg==")),
                    new ContentPart.File(
                        new MediaSource.Url("https://example.com/a.pdf"), "a.pdf")))),
        new SessionEvent.MessageAppended(
            at.plusMillis(1),
            new Message.Assistant(List.of(ContentPart.text("Let me look.")), List.of(read, shell))),
        new SessionEvent.MessageAppended(
            at.plusMillis(2), Message.toolResult(read, "no such file: notes.md", true)),
        new SessionEvent.MessageAppended(
            at.plusMillis(3), Message.toolResult(shell, "total 0\n", false)),
        new SessionEvent.MessageAppended(
            at.plusMillis(4), new Message.Assistant(List.of(), List.of(read))),
        new SessionEvent.MessageAppended(at.plusMillis(5), Message.assistant("A cat.")),
        new SessionEvent.UsageRecorded(
            at.plusMillis(6), "openai/gpt-5-mini", new Usage(1200, 85, 1024)),
        new SessionEvent.UsageRecorded(at.plusMillis(7), "ollama/llama3", Usage.ZERO));
  }

  /** A user message event with {@code text}. */
  protected static SessionEvent user(String text) {
    return new SessionEvent.MessageAppended(T0, Message.user(text));
  }

  /** An assistant message event with {@code text}. */
  protected static SessionEvent assistant(String text) {
    return new SessionEvent.MessageAppended(T0, Message.assistant(text));
  }

  private static String texts(SessionEvent event) {
    return event instanceof SessionEvent.MessageAppended m ? m.message().text() : "";
  }

  /**
   * Runs {@code writersPerSession} virtual threads per session, each appending {@code appendsEach}
   * two-event batches tagged {@code <session>/<writer>/<n>/a|b}; returns each writer's acks.
   */
  private List<List<StoredEvent>> appendConcurrently(
      List<SessionId> ids, int writersPerSession, int appendsEach) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<StoredEvent>>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (SessionId id : ids) {
        for (int w = 0; w < writersPerSession; w++) {
          String writer = id.value() + "/" + w;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<StoredEvent> acked = new ArrayList<>();
                    for (int n = 0; n < appendsEach; n++) {
                      String tag = writer + "/" + n;
                      acked.addAll(store.append(id, List.of(user(tag + "/a"), user(tag + "/b"))));
                    }
                    return acked;
                  }));
        }
      }
      start.countDown();
    }
    List<List<StoredEvent>> acks = new ArrayList<>();
    for (Future<List<StoredEvent>> future : futures) {
      try {
        acks.add(future.get());
      } catch (ExecutionException e) {
        throw new AssertionError("a concurrent append failed", e.getCause());
      }
    }
    return acks;
  }

  /** Every acknowledged event is stored at the seq it was acknowledged with. */
  private static void assertEveryAckIsStoredAsAcknowledged(
      List<StoredEvent> events, List<List<StoredEvent>> acks) {
    for (List<StoredEvent> writerAcks : acks) {
      for (int i = 0; i < writerAcks.size(); i += 2) {
        StoredEvent a = writerAcks.get(i);
        StoredEvent b = writerAcks.get(i + 1);
        // One append is one batch: its two events sit next to each other.
        assertThat(b.seq()).isEqualTo(a.seq() + 1);
        assertThat(events.get((int) a.seq() - 1)).isEqualTo(a);
        assertThat(events.get((int) b.seq() - 1)).isEqualTo(b);
      }
    }
  }

  /** Each writer's events appear in the order it appended them. */
  private static void assertEachWriterKeptItsOrder(
      List<StoredEvent> events, SessionId id, int writers, int appendsEach) {
    for (int w = 0; w < writers; w++) {
      String prefix = id.value() + "/" + w + "/";
      List<String> own =
          events.stream()
              .map(e -> texts(e.event()))
              .filter(t -> t.startsWith(prefix))
              .map(t -> t.substring(prefix.length()))
              .toList();
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < appendsEach; n++) {
        expected.add(n + "/a");
        expected.add(n + "/b");
      }
      assertThat(own).containsExactlyElementsOf(expected);
    }
  }
}
