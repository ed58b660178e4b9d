package dev.tau.channels.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Transport;
import dev.tau.channels.ingress.ChannelNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxAppenderTest {
  @TempDir Path dir;

  private static String line(int id) {
    return "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":{\"update_id\":"
        + id
        + ",\"message\":{\"message_id\":"
        + id
        + ",\"date\":1760100000,\"chat\":{\"id\":5},\"from\":{\"id\":7},\"text\":\"m\"}}}";
  }

  @Test
  void onlyTheNewestKeysAreRememberedSoMemoryDoesNotGrowWithEveryEvent() throws Exception {
    Files.writeString(dir.resolve("telegram.ndjson"), line(1) + "\n" + line(2) + "\n");
    InboxAppender appender = InboxAppender.open(dir, ChannelNormalizer.standard(), 3);
    assertThat(appender.contains("telegram:5:1")).isTrue();

    appender.append(Transport.TELEGRAM, "telegram:5:3", line(3));
    appender.append(Transport.TELEGRAM, "telegram:5:4", line(4));

    assertThat(appender.contains("telegram:5:1")).as("the oldest is forgotten").isFalse();
    assertThat(appender.contains("telegram:5:2")).isTrue();
    assertThat(appender.contains("telegram:5:4")).isTrue();
    assertThat(Files.readAllLines(dir.resolve("telegram.ndjson"))).hasSize(4);
  }
}
