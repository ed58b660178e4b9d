package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAppenderTest {
  @TempDir Path dir;

  @Test
  void writersAppendingAtOnceNeverOverwriteEachOthersLines() throws Exception {
    Path file = dir.resolve("runtime-events.jsonl");
    int writers = 6;
    int lines = 300;
    try (var pool = Executors.newFixedThreadPool(writers)) {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.submit(
            () -> {
              for (int i = 0; i < lines; i++) {
                JsonlAppender.appendLine(
                    file, "{\"writer\":" + writer + ",\"line\":" + i + "}", false);
              }
            });
      }
    }
    List<String> all = Files.readAllLines(file);
    assertThat(all).hasSize(writers * lines).doesNotHaveDuplicates();
    assertThat(all).allMatch(l -> l.matches("\\{\"writer\":\\d,\"line\":\\d+}"));
  }

  @Test
  void aLineTornByACrashIsEndedBeforeTheNextOne() throws Exception {
    Path file = dir.resolve("route-traces.jsonl");
    Files.writeString(file, "{\"a\":1}\n{\"torn\":");
    JsonlAppender.appendLine(file, "{\"b\":2}");
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}", "{\"torn\":", "{\"b\":2}");
  }
}
