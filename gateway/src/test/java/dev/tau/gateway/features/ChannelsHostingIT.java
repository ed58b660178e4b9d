package dev.tau.gateway.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.ui.DashboardFeed;
import dev.tau.gateway.ui.RequestStats;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gateway hosting the multi-channel transport in-process: a webhook delivery on the gateway's
 * port is ingested and answered by the runner loop, {@code /gateway/status} and the dashboard read
 * the hosted state files, and stopping the gateway stops the loops.
 */
class ChannelsHostingIT {
  @TempDir Path dir;

  private static final String UPDATE =
      "{\"update_id\":1,\"message\":{\"message_id\":9,\"date\":1760100000,"
          + "\"chat\":{\"id\":5,\"type\":\"private\"},"
          + "\"from\":{\"id\":7,\"username\":\"a\"},\"text\":\"hi\"}}";

  @Test
  void aWebhookDeliveryIsAnsweredAndStatusAndDashboardShowTheTransport() throws Exception {
    GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir.resolve("gateway"), 10_000),
            GatewayTestSupport.offlineServices(),
            GatewayTestSupport.webhookChannels(dir));
    try {
      var accepted =
          GatewayTestSupport.client()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/webhooks/telegram"))
                      .header("X-Telegram-Bot-Api-Secret-Token", "tg-secret")
                      .POST(HttpRequest.BodyPublishers.ofString(UPDATE))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      Path log = dir.resolve("multi-channel/channel-store/channels/telegram/5/log.jsonl");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!(Files.exists(log) && Files.readString(log).contains("\"ok\""))) {
        assertThat(System.nanoTime()).as("the runner answers").isLessThan(deadline);
        Thread.sleep(50);
      }
      // the reply line is written before the cycle's state.json (which may already exist from
      // an earlier, empty cycle): wait for the cycle that processed the event
      JsonNode mc;
      while (true) {
        var status = GatewayTestSupport.send(server, "GET", "/gateway/status", null, null);
        mc = Json.parse(status.body()).path("multi_channel");
        if (mc.path("processed_event_count").asInt(0) >= 1) {
          break;
        }
        assertThat(System.nanoTime()).as("the cycle is saved").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(mc.path("state_path").asString())
          .isEqualTo(dir.resolve("multi-channel/state.json").toString());
      assertThat(mc.path("health_state").asString()).isEqualTo("healthy");
      assertThat(mc.path("rollout_gate").asString()).isEqualTo("pass");
      assertThat(mc.path("processed_event_count").asInt()).isEqualTo(1);
      JsonNode telegram = mc.path("connectors").path("channels").path("telegram");
      assertThat(telegram.path("mode").asString()).isEqualTo("webhook");
      assertThat(telegram.path("liveness").asString()).isEqualTo("healthy");
      assertThat(telegram.path("events_ingested").asInt()).isEqualTo(1);

      JsonNode card = null;
      for (JsonNode c :
          new DashboardFeed(server.context(), server::routes, new RequestStats(Clock.systemUTC()))
              .current()
              .json()
              .path("components")) {
        if (c.path("component").asString().equals("multi_channel")) {
          card = c;
        }
      }
      assertThat(card).isNotNull();
      assertThat(card.path("health_state").asString()).isEqualTo("healthy");
      assertThat(Json.write(card.path("facts")))
          .contains("[\"Failure streak\",0]")
          .contains("[\"Queue depth\",0]")
          .contains("[\"telegram\",\"healthy (webhook)\"]")
          .contains("[\"whatsapp\",");
    } finally {
      assertThat(server.stop()).as("drained, loops ended").isTrue();
    }
    // stopped: the gateway's port no longer takes deliveries
    assertThat(server.context().stateFile().report().serviceStatus().wire()).isEqualTo("stopped");
  }
}
