package dev.tau.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds many streaming {@code POST /v1/responses} open through the gateway at once: the fake
 * upstream stops every stream after its first text delta, the harness waits until each client has
 * seen that delta (so every stream is open end to end: client, gateway, upstream), samples the
 * gateway's memory while they are all open, then releases them and checks that each completes.
 */
final class OpenStreams {
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HOLD_OPEN = Duration.ofSeconds(3);
  private static final int STREAMS_PER_CLIENT = 100;

  /**
   * What the phase saw.
   *
   * @param requested streams started
   * @param openAtOnce streams the client saw open (first delta arrived, not yet ended) at once
   * @param upstreamOpen streams the fake upstream was holding at that moment
   * @param completed streams that ended with {@code response.completed}
   * @param failed streams that failed (status, I/O, no completion)
   * @param timeToOpenAll from the first request to the last stream's first delta
   * @param rssBeforeKb the gateway's {@code VmRSS} before the phase
   * @param peakRssKb the largest {@code VmRSS} sampled during the phase
   * @param hwmKb the gateway's {@code VmHWM} at the end
   * @param firstError the first failure, for the report
   */
  record Result(
      int requested,
      int openAtOnce,
      int upstreamOpen,
      int completed,
      int failed,
      Duration timeToOpenAll,
      long rssBeforeKb,
      long peakRssKb,
      long hwmKb,
      String firstError) {}

  private OpenStreams() {}

  static Result run(FastOpenAiUpstream upstream, URI endpoint, int streams, long gatewayPid)
      throws InterruptedException {
    long rssBefore = ProcMemory.of(gatewayPid).map(ProcMemory::rssKb).orElse(0L);
    upstream.holdStreams();
    upstream.resetPeak();
    ResourceSampler sampler = ResourceSampler.start(gatewayPid);
    CountDownLatch settled = new CountDownLatch(streams);
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peakOpen = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    // a few shared clients: each holds many connections, and a client per stream would cost a
    // selector thread per stream in the harness
    int clientCount = Math.max(1, (streams + STREAMS_PER_CLIENT - 1) / STREAMS_PER_CLIENT);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < clientCount; i++) {
      clients.add(LoadPhase.newClient());
    }
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < streams; i++) {
        HttpClient client = clients.get(i % clientCount);
        String body = LoadPhase.body(GatewayProcess.MODEL, "open-stream-" + i, true);
        threads.add(
            Thread.ofVirtual()
                .name("open-stream-" + i)
                .start(
                    () -> {
                      boolean[] counted = {false};
                      try {
                        HttpResponse<InputStream> response =
                            client.send(
                                LoadPhase.request(endpoint, body),
                                HttpResponse.BodyHandlers.ofInputStream());
                        if (response.statusCode() != 200) {
                          response.body().close();
                          throw new IOException("HTTP " + response.statusCode());
                        }
                        SseTimer.Timing timing =
                            SseTimer.read(
                                response.body(),
                                System.nanoTime(),
                                () -> {
                                  counted[0] = true;
                                  peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                                  settled.countDown();
                                });
                        if (timing.completed()) {
                          completed.incrementAndGet();
                        } else {
                          throw new IOException("the stream ended without response.completed");
                        }
                      } catch (IOException e) {
                        firstError.compareAndSet(null, e.toString());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      } finally {
                        if (counted[0]) {
                          open.decrementAndGet();
                        } else {
                          settled.countDown();
                        }
                      }
                    }));
      }
      boolean allOpen = settled.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Duration timeToOpenAll = Duration.ofNanos(System.nanoTime() - start);
      int openAtOnce = peakOpen.get();
      int upstreamOpen = upstream.openStreams();
      // let the memory of a thousand open streams show in the samples
      Thread.sleep(HOLD_OPEN);
      upstream.releaseStreams();
      long finishBy = System.nanoTime() + FINISH_TIMEOUT.toNanos();
      for (Thread thread : threads) {
        long left = Math.max(1, (finishBy - System.nanoTime()) / 1_000_000);
        thread.join(left);
      }
      ResourceSampler.Usage usage = sampler.stop();
      return new Result(
          streams,
          openAtOnce,
          upstreamOpen,
          completed.get(),
          streams - completed.get(),
          allOpen ? timeToOpenAll : Duration.ZERO,
          rssBefore,
          usage.peakRssKb(),
          usage.hwmKb(),
          firstError.get());
    } finally {
      upstream.releaseStreams();
      sampler.close();
      clients.forEach(HttpClient::shutdownNow);
    }
  }
}
