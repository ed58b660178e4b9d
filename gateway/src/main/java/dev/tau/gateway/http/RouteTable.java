package dev.tau.gateway.http;

import dev.tau.gateway.Drain;
import dev.tau.gateway.auth.Authenticator;
import dev.tau.gateway.auth.RateLimiter;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * The only way to add a route. Each route declares its {@link Access}; every request then flows
 * through one ordered list of stages declared here: observe → drain check → authenticate →
 * rate-limit → handler, with failures turned into JSON errors. The registered list is what the
 * auth-matrix test walks, so a route added later cannot skip the checks.
 */
public final class RouteTable {
  /** A route's work, after the stages let the request through. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  private static final System.Logger LOG = System.getLogger(RouteTable.class.getName());

  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final RequestObserver observer;
  private final Drain drain;
  private final List<Route> routes = new ArrayList<>();
  private final List<Registration> registrations = new ArrayList<>();

  private record Registration(Route route, Handler handler) {}

  public RouteTable(
      Authenticator authenticator, RateLimiter rateLimiter, RequestObserver observer, Drain drain) {
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.observer = observer;
    this.drain = drain;
  }

  public RouteTable get(String path, Access access, Handler handler) {
    return add(new Route(Method.GET, path, access, false), handler);
  }

  public RouteTable post(String path, Access access, Handler handler) {
    return add(new Route(Method.POST, path, access, true), handler);
  }

  public RouteTable add(Route route, Handler handler) {
    routes.add(route);
    registrations.add(new Registration(route, handler));
    return this;
  }

  /** Every registered route, in registration order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Installs the routes, each wrapped in the stages, plus a JSON 404 for everything else. */
  public void install(HttpRouting.Builder routing) {
    for (Registration r : registrations) {
      routing.route(
          r.route().method(),
          r.route().path(),
          (req, res) -> run(new Exchange(req, res, r.route()), r.handler()));
    }
    routing.any(
        (req, res) -> {
          String path = req.path().path();
          Route fallback =
              new Route(
                  req.prologue().method(),
                  path,
                  protectedPrefix(path) ? Access.PROTECTED : Access.PUBLIC,
                  false);
          run(
              new Exchange(req, res, fallback),
              exchange -> {
                throw new ApiError(
                    ErrorCode.NOT_FOUND,
                    "no route for " + req.prologue().method().text() + " " + path);
              });
        });
  }

  /**
   * Paths under these prefixes are the API: an unknown one is answered only after auth, so the
   * route list cannot be probed anonymously.
   */
  static boolean protectedPrefix(String path) {
    return path.startsWith("/v1/")
        || path.startsWith("/cortex/")
        || path.startsWith("/dashboard/")
        || path.equals("/metrics")
        || (path.startsWith("/gateway/") && !path.startsWith("/gateway/auth/"));
  }

  /** The stages, in order. */
  private void run(Exchange exchange, Handler handler) {
    long start = System.nanoTime();
    drain.enter();
    try {
      refuseWhileDraining(exchange);
      authenticate(exchange);
      rateLimit(exchange);
      handler.handle(exchange);
    } catch (ApiError e) {
      observer.failed(exchange.route(), e.code());
      respond(exchange, e);
    } catch (Exception | Error e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "unhandled failure on "
              + exchange.route().method().text()
              + " "
              + exchange.route().path(),
          e);
      observer.failed(exchange.route(), ErrorCode.INTERNAL_ERROR);
      respond(
          exchange, new ApiError(ErrorCode.INTERNAL_ERROR, "internal error; see the gateway log"));
    } finally {
      drain.exit();
      observer.completed(
          exchange.route(), exchange.response().status().code(), System.nanoTime() - start);
    }
  }

  private void refuseWhileDraining(Exchange exchange) {
    if (drain.draining()) {
      exchange.response().header("Connection", "close");
      throw new ApiError(
          ErrorCode.SERVICE_UNAVAILABLE, "the gateway is shutting down; retry on another instance");
    }
  }

  private void authenticate(Exchange exchange) {
    if (exchange.route().access() != Access.PROTECTED) {
      return;
    }
    switch (authenticator.check(exchange.header("Authorization"))) {
      case Authenticator.Result.Allowed a -> exchange.principal(a.principal());
      case Authenticator.Result.Denied d ->
          throw new ApiError(ErrorCode.UNAUTHORIZED, "missing or invalid bearer token");
    }
  }

  private void rateLimit(Exchange exchange) {
    String bucket =
        switch (exchange.route().access()) {
          case PUBLIC, PLATFORM_SIGNED -> null;
          case BOOTSTRAP -> "bootstrap:" + exchange.route().path();
          case PROTECTED -> exchange.principal();
        };
    if (bucket == null) {
      return;
    }
    if (rateLimiter.check(bucket) instanceof RateLimiter.Decision.Limited limited) {
      throw new ApiError(
          ErrorCode.RATE_LIMITED,
          "gateway rate limit exceeded: max "
              + rateLimiter.maxRequests()
              + " requests per "
              + rateLimiter.window().toSeconds()
              + " seconds",
          null,
          limited.retryAfter());
    }
  }

  private static void respond(Exchange exchange, ApiError error) {
    if (exchange.response().isSent()) {
      return;
    }
    try {
      exchange.error(error);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      // a streaming handler already sent headers (or the client left): the error cannot be
      // written as JSON any more; streams report failures in their own events
      LOG.log(System.Logger.Level.DEBUG, "could not send error " + error.code().wire(), e);
    }
  }
}
