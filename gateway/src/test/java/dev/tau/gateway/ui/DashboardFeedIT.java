package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.core.model.Message;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared snapshot: built at most once a second, fingerprinted without its timestamps. */
class DashboardFeedIT {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-05-01T12:00:00Z"));
  private final InMemorySessionStore store = new InMemorySessionStore(clock);
  private GatewayServer server;
  private RequestStats stats;
  private DashboardFeed feed;

  @BeforeEach
  void start() {
    OfflineProvider provider = new OfflineProvider(IdSource.sequential());
    Agent agent = Agent.builder(AgentConfig.of("echo"), provider).clock(clock).build();
    server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir.resolve("gateway"), 100),
            new GatewayServices(agent, store, "offline/echo", clock, IdSource.random(), provider));
    stats = new RequestStats(clock);
    feed = new DashboardFeed(server.context(), server::routes, stats);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aSnapshotIsReusedWithinTheSameSecondEvenAcrossManyReaders() {
    DashboardFeed.Snapshot first = feed.current();

    assertThat(feed.current()).isSameAs(first);
    clock.advance(Duration.ofMillis(500));
    assertThat(feed.current()).isSameAs(first);
    clock.advance(Duration.ofMillis(500));
    assertThat(feed.current()).isNotSameAs(first);
  }

  @Test
  void onlyTheTimeMovingLeavesTheFingerprintUnchanged() {
    DashboardFeed.Snapshot first = feed.current();
    clock.advance(Duration.ofSeconds(5));

    DashboardFeed.Snapshot later = feed.current();

    assertThat(later.json().path("generated_unix_ms").asLong())
        .isGreaterThan(first.json().path("generated_unix_ms").asLong());
    assertThat(later.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void aNewSessionOrARequestChangesTheFingerprint() {
    String before = feed.current().fingerprint();
    store.append(
        SessionId.of("fresh"),
        List.of(new SessionEvent.MessageAppended(clock.instant(), Message.user("hi"))));
    clock.advance(Duration.ofSeconds(1));
    String afterSession = feed.current().fingerprint();
    assertThat(afterSession).isNotEqualTo(before);

    stats.record(200, 1_000_000);
    clock.advance(Duration.ofSeconds(1));
    assertThat(feed.current().fingerprint()).isNotEqualTo(afterSession);
  }
}
