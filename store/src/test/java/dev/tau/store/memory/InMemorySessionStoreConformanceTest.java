package dev.tau.store.memory;

import dev.tau.core.session.SessionStore;
import dev.tau.testkit.store.SessionStoreConformance;
import java.time.Clock;

class InMemorySessionStoreConformanceTest extends SessionStoreConformance {
  @Override
  protected SessionStore newStore(Clock clock) {
    return new InMemorySessionStore(clock);
  }
}
