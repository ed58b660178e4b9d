package dev.tau.gateway.features;

import dev.tau.core.json.Json;
import dev.tau.core.provider.Cancellation;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.cortex.CortexChat;
import dev.tau.gateway.cortex.CortexEvent;
import dev.tau.gateway.cortex.CortexObserverLog;
import dev.tau.gateway.cortex.CortexStatus;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.status.GatewayStatus;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cortex routes (tau-spec §2.9), both protected: {@code GET /cortex/status} (readiness from the
 * observer log) and {@code POST /cortex/chat} (body {@code {"input":"…"}}; answers through the
 * configured model as an SSE stream of {@link CortexEvent}s ending with {@code event: done} /
 * {@code data: [DONE]}).
 */
public final class CortexFeature implements GatewayFeature {
  /** How often a running chat checks whether the gateway has begun draining. */
  private static final long DRAIN_POLL_MS = 100;

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    Clock clock = context.services().clock();
    CortexObserverLog log =
        new CortexObserverLog(CortexObserverLog.defaultPath(context.config().stateDir()), clock);
    CortexChat chat =
        new CortexChat(
            context.services().provider(),
            context.services().agent().config().model(),
            log,
            clock,
            context.services().ids());
    routes.get(
        "/cortex/status",
        Access.PROTECTED,
        exchange -> exchange.json(200, CortexStatus.classify(log.scan(), clock.millis()).toJson()));
    routes.post(
        "/cortex/chat", Access.PROTECTED, exchange -> chat(exchange, context, routes, log, chat));
  }

  private static void chat(
      Exchange exchange,
      GatewayContext context,
      RouteTable routes,
      CortexObserverLog log,
      CortexChat chat) {
    JsonNode body = exchange.bodyJson(context.config().maxBodyBytes());
    JsonNode inputNode = body.get("input");
    if (inputNode == null || !inputNode.isString() || inputNode.asString().isBlank()) {
      throw new ApiError(ErrorCode.INVALID_CORTEX_INPUT, "input must be non-empty", "input", null);
    }
    String input = inputNode.asString();
    int max = context.config().maxInputChars();
    if (input.codePointCount(0, input.length()) > max) {
      throw new ApiError(
          ErrorCode.INPUT_TOO_LARGE, "input exceeds max " + max + " characters", "input", null);
    }
    long now = context.services().clock().millis();
    String observer = CortexStatus.classify(log.scan(), now).summaryLine();
    String gateway = gatewayLine(GatewayStatus.build(context, routes.routes()));

    var response = exchange.response();
    response.status(Status.OK_200);
    response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    response.header(HeaderNames.create("X-Accel-Buffering"), "no");
    Cancellation cancel = new Cancellation();
    CountDownLatch finished = new CountDownLatch(1);
    // a chat waiting on a slow model must still end when the gateway drains
    Thread watcher =
        Thread.ofVirtual()
            .name("cortex-chat-drain-watch")
            .start(
                () -> {
                  try {
                    while (!finished.await(DRAIN_POLL_MS, TimeUnit.MILLISECONDS)) {
                      if (context.drain().draining()) {
                        cancel.cancel();
                        return;
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    try (OutputStream out = response.outputStream()) {
      try {
        chat.answer(
            input, observer, gateway, event -> frame(out, event.name(), event.data()), cancel);
        write(out, "event: done\ndata: [DONE]\n\n");
      } catch (UncheckedIOException e) {
        cancel.cancel(); // the client went away; the chat was still recorded
      }
    } catch (IOException e) {
      // closing a stream whose client has gone; nothing left to tell it
    } finally {
      finished.countDown();
      watcher.interrupt();
    }
  }

  /** The gateway posture in one line, for the prompt. */
  private static String gatewayLine(ObjectNode status) {
    return "health_state="
        + status.path("health_state").asString("")
        + " rollout_gate="
        + status.path("rollout_gate").asString("")
        + " reason_code="
        + status.path("reason_code").asString("")
        + " service_status="
        + status.path("service").path("service_status").asString("unknown")
        + " auth_mode="
        + status.path("auth").path("mode").asString("")
        + " auth_failures="
        + status.path("auth").path("auth_failures").asLong(0)
        + " rate_limited_requests="
        + status.path("auth").path("rate_limited_requests").asLong(0)
        + " events="
        + status.path("events").path("reason_code").asString("")
        + " multi_channel="
        + status.path("multi_channel").path("health_state").asString("");
  }

  private static void frame(OutputStream out, String name, JsonNode data) {
    write(out, "event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  private static void write(OutputStream out, String frame) {
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
