package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.auth.Authenticator;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RequestObserver;
import dev.tau.gateway.http.Route;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.ui.DashboardFeed;
import dev.tau.gateway.ui.RequestStats;
import dev.tau.gateway.ui.SnapshotPacer;
import dev.tau.gateway.ui.SseWriter;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code GET /dashboard/stream}: the dashboard's live feed (protected, Server-Sent Events). It
 * sends a {@code dashboard.snapshot} event at once and then whenever the snapshot changes (checked
 * every {@link #TICK}), a keep-alive comment when nothing was sent for {@link #KEEP_ALIVE}, and
 * ends when the gateway drains or the caller's bearer stops being valid (an expired session token).
 * As a {@link RequestObserver} it also feeds the per-second request counts behind the charts.
 */
public final class DashboardFeature implements GatewayFeature, RequestObserver {
  /** The stream's path; its own (long) duration is left out of the latency chart. */
  public static final String STREAM_PATH = "/dashboard/stream";

  static final Duration TICK = Duration.ofSeconds(1);
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private volatile RequestStats stats;

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    RequestStats requestStats = new RequestStats(context.services().clock());
    this.stats = requestStats;
    DashboardFeed feed = new DashboardFeed(context, routes::routes, requestStats);
    routes.get(STREAM_PATH, Access.PROTECTED, exchange -> stream(exchange, context, feed));
  }

  @Override
  public void completed(Route route, int status, long durationNanos) {
    RequestStats current = stats;
    if (current != null && !route.path().equals(STREAM_PATH)) {
      current.record(status, durationNanos);
    }
  }

  private static void stream(Exchange exchange, GatewayContext context, DashboardFeed feed)
      throws InterruptedException {
    String authorization = exchange.header("Authorization");
    SseWriter sse = new SseWriter(exchange.response());
    SnapshotPacer pacer = new SnapshotPacer(KEEP_ALIVE);
    try {
      while (!context.drain().draining()
          && context.authenticator().check(authorization) instanceof Authenticator.Result.Allowed) {
        DashboardFeed.Snapshot snapshot = feed.current();
        switch (pacer.next(snapshot.fingerprint(), System.nanoTime())) {
          case SNAPSHOT -> sse.event("dashboard.snapshot", snapshot.json());
          case KEEP_ALIVE -> sse.comment("keep-alive");
          case NOTHING -> {}
        }
        Thread.sleep(TICK);
      }
    } catch (IOException e) {
      // the dashboard closed the connection
    } finally {
      sse.close();
    }
  }
}
