package dev.tau.bench;

import dev.tau.llm.http.SseEvent;
import dev.tau.llm.http.SseParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SSE parsing throughput: a Chat Completions stream of {@code chunks} text deltas (the shape OpenAI
 * sends), parsed from memory. Bytes per second = {@link #bytes} × ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseParserBenchmark {
  @Param({"1000"})
  int chunks;

  byte[] stream;
  int bytes;

  @Setup
  public void build() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chunks; i++) {
      sb.append(
              "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
          .append(
              "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word")
          .append(i)
          .append(" \"},\"finish_reason\":null}]}\n\n");
    }
    sb.append("data: [DONE]\n\n");
    stream = sb.toString().getBytes(StandardCharsets.UTF_8);
    bytes = stream.length;
  }

  /** Parses the whole stream; one op = {@link #bytes} bytes, {@code chunks + 1} events. */
  @Benchmark
  public int parseStream(Blackhole bh) throws IOException {
    SseParser parser = new SseParser(new ByteArrayInputStream(stream), "openai");
    int events = 0;
    Optional<SseEvent> event;
    while ((event = parser.next()).isPresent()) {
      bh.consume(event.get().data());
      events++;
    }
    return events;
  }
}
