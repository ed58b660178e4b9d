package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Media understanding through {@code bin/tau}: a Telegram update with an image attachment is
 * ingested, the live runner downloads the image from a loopback host, the configured provider (a
 * fake OpenAI) describes it from image input, the description lands in the channel store's {@code
 * media_understanding} payload and in the prompt the agent's model receives.
 */
class MultiChannelMediaIT {
  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
  };

  @TempDir Path work;
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private HttpServer files;

  @AfterEach
  void stop() {
    if (files != null) {
      files.stop(0);
    }
  }

  private int serveImage() throws Exception {
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext(
        "/",
        exchange -> {
          try (exchange) {
            fetched.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
          }
        });
    files.start();
    return files.getAddress().getPort();
  }

  @Test
  void anImageAttachmentIsDescribedByTheProviderAndTheAgentSeesTheDescription() throws Exception {
    int port = serveImage();
    Files.writeString(
        work.resolve("update.json"),
        """
        {"update_id": 9100,
         "message": {"message_id": 77, "date": 1760100000,
           "chat": {"id": "chat-5", "type": "private"},
           "from": {"id": "user-5", "first_name": "Bo"},
           "text": "what is in this picture?",
           "attachments": [{"attachment_id": "photo-1",
             "url": "http://localhost:%d/files/bike.png", "content_type": "image/png",
             "file_name": "bike.png", "size_bytes": %d}]}}
        """
            .formatted(port, PNG.length));
    try (var openai = new FakeOpenAiServer()) {
      openai.enqueue(
          FakeReply.text("A red bicycle leaning against a brick wall."),
          FakeReply.text("That is a red bicycle."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-test-media");
      env.put("TAU_OPENAI_BASE_URL", openai.baseUrl().toString());

      var ingest =
          TauProcess.run(
              work,
              env,
              null,
              "--multi-channel-live-ingest-file",
              "update.json",
              "--multi-channel-live-ingest-transport",
              "telegram",
              "--multi-channel-live-ingest-dir",
              "inbox");
      assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();

      var run =
          TauProcess.run(
              work,
              env,
              null,
              "--model",
              "openai/gpt-4o-mini",
              "--multi-channel-live-runner",
              "--multi-channel-live-ingress-dir",
              "inbox",
              "--multi-channel-state-dir",
              "state",
              "--multi-channel-media-allow-loopback");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).contains("completed=1");

      assertThat(fetched).containsExactly("/files/bike.png");
      var requests = openai.requests();
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0).body())
          .contains("\"input_image\"")
          .contains("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
      String agentPrompt = requests.get(1).body();
      assertThat(agentPrompt)
          .contains("what is in this picture?")
          .contains("Media understanding outcomes:")
          .contains(
              "reason_code=media_image_described summary=A red bicycle leaning against a brick"
                  + " wall.");

      Path channel = work.resolve("state/channel-store/channels/telegram/chat-5");
      JsonNode inbound =
          Files.readAllLines(channel.resolve("log.jsonl")).stream()
              .filter(l -> !l.isBlank())
              .map(Json::parse)
              .filter(l -> l.path("direction").asString().equals("inbound"))
              .findFirst()
              .orElseThrow();
      JsonNode media = inbound.path("payload").path("media_understanding");
      assertThat(media.path("processed").asInt()).isEqualTo(1);
      JsonNode outcome = media.path("outcomes").get(0);
      assertThat(outcome.path("attachment_id").asString()).isEqualTo("photo-1");
      assertThat(outcome.path("decision").asString()).isEqualTo("processed");
      assertThat(outcome.path("reason_code").asString()).isEqualTo("media_image_described");
      assertThat(outcome.path("summary").asString())
          .isEqualTo("A red bicycle leaning against a brick wall.");
      assertThat(Files.readString(channel.resolve("log.jsonl"))).doesNotContain("sk-test-media");
    }
  }
}
