package dev.tau.channels.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tau.channels.Transport;
import dev.tau.testkit.channels.FakeDiscordApi;
import dev.tau.testkit.channels.FakeTelegramBotApi;
import dev.tau.testkit.channels.ScriptedFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineProbeTest {
  private final List<Long> sleeps = new ArrayList<>();
  private final OnlineProbe probe = new OnlineProbe(HttpClient.newHttpClient(), sleeps::add);

  @Test
  void telegramGetMeAndItsFailures() throws Exception {
    try (FakeTelegramBotApi telegram = new FakeTelegramBotApi("111:right-token")) {
      assertThat(probe.probe(Transport.TELEGRAM, telegram.baseUrl(), "111:right-token", null))
          .isEqualTo(new OnlineProbe.Result(true, List.of("probe_online_ready")));
      assertThat(
              probe
                  .probe(Transport.TELEGRAM, telegram.baseUrl(), "111:wrong-token", null)
                  .reasonCodes())
          .containsExactly("probe_online_telegram_auth_failed");
      telegram.enqueueFailure(ScriptedFailure.rateLimited(1), ScriptedFailure.rateLimited(1));
      var limited = probe.probe(Transport.TELEGRAM, telegram.baseUrl(), "111:right-token", null);
      assertThat(limited.reasonCodes()).containsExactly("probe_online_telegram_rate_limited");
      assertThat(sleeps).containsExactly(150L);
      assertThat(probe.probe(Transport.TELEGRAM, telegram.baseUrl(), null, null).reasonCodes())
          .containsExactly("probe_online_missing_prerequisites");
    }
  }

  @Test
  void discordUsersMeAndAnUnreachableHost() throws Exception {
    try (FakeDiscordApi discord = new FakeDiscordApi("discord-token-1")) {
      assertThat(
              probe.probe(Transport.DISCORD, discord.baseUrl(), "discord-token-1", null).passed())
          .isTrue();
      discord.enqueueFailure(ScriptedFailure.status(502, "bad gateway"));
      assertThat(
              probe.probe(Transport.DISCORD, discord.baseUrl(), "discord-token-1", null).passed())
          .as("a 5xx is retried once")
          .isTrue();
    }
    assertThat(
            probe
                .probe(Transport.DISCORD, URI.create("http://127.0.0.1:9/api"), "t", null)
                .reasonCodes())
        .containsExactly("probe_online_discord_transport_error");
  }

  @Test
  void whatsappPhoneNumberChecks() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String id = exchange.getRequestURI().getPath().substring(1);
          boolean authorised =
              "Bearer wa-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          int status;
          String body;
          if (!authorised) {
            status = 401;
            body = "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}";
          } else if (id.equals("404404")) {
            status = 404;
            body = "{\"error\":{\"message\":\"Unknown path\",\"code\":803}}";
          } else if (id.equals("bad")) {
            status = 400;
            body = "{\"error\":{\"message\":\"Invalid parameter\",\"code\":100}}";
          } else {
            status = 200;
            body = "{\"id\":\"" + id + "\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(probe.probe(Transport.WHATSAPP, base, "wa-token", "15550001").passed()).isTrue();
      assertThat(probe.probe(Transport.WHATSAPP, base, "wa-token", "404404").reasonCodes())
          .containsExactly("probe_online_whatsapp_phone_number_not_found");
      assertThat(probe.probe(Transport.WHATSAPP, base, "wa-token", "bad").reasonCodes())
          .containsExactly("probe_online_whatsapp_phone_number_invalid");
      assertThat(probe.probe(Transport.WHATSAPP, base, "expired", "15550001").reasonCodes())
          .containsExactly("probe_online_whatsapp_auth_failed");
      assertThat(probe.probe(Transport.WHATSAPP, base, "wa-token", null).reasonCodes())
          .containsExactly("probe_online_missing_prerequisites");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFailedOnlineProbeFailsReadinessAndIsPersisted(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path work) throws Exception {
    var lifecycle =
        new ChannelLifecycle(
            work.resolve("mc"), work.resolve("mc/live-ingress"), java.time.Clock.systemUTC());
    var token = dev.tau.channels.secrets.ChannelSecrets.resolve("tok-1", "x", () -> null);
    var creds = new ChannelLifecycle.Credentials(token, null);
    lifecycle.run(LifecycleAction.LOGIN, Transport.TELEGRAM, creds);
    LifecycleReport report =
        lifecycle.run(
            LifecycleAction.PROBE,
            Transport.TELEGRAM,
            creds,
            new OnlineProbe.Result(false, List.of("probe_online_telegram_auth_failed")));
    assertThat(report.lifecycleStatus()).isEqualTo("probe_failed");
    assertThat(report.readinessStatus()).isEqualTo("fail");
    assertThat(report.reasonCodes()).containsExactly("probe_online_telegram_auth_failed");
    assertThat(report.toJson().get("probe_mode").asString()).isEqualTo("online");
    assertThat(report.toJson().get("online_probe_status").asString()).isEqualTo("fail");
    assertThat(java.nio.file.Files.readString(work.resolve("mc/security/channel-lifecycle.json")))
        .contains("\"last_probe_mode\" : \"online\"");
  }
}
