package dev.tau.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load phase: {@code clients} workers, each a virtual thread with its own HTTP/1.1 {@link
 * HttpClient}, send {@code POST /v1/responses} for a warm-up and then a measured window. Requests
 * that start inside the window are measured; every request carries its own {@code
 * metadata.session_id}.
 *
 * <p>Closed loop (rate 0): each worker sends its next request as soon as the last one ends, so the
 * phase finds the most the target can do, and latency includes the queueing that saturation brings
 * (Little's law: latency ≈ clients ÷ throughput). Paced (open loop, rate &gt; 0): the workers share
 * a fixed schedule of send times and latency is measured from the scheduled time, so a stall shows
 * as latency instead of as fewer requests (no coordinated omission).
 */
final class LoadPhase {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String INPUT = "Say hello to the load harness in one short sentence.";

  /** Plain JSON answers or event streams. */
  enum Mode {
    PLAIN,
    STREAM
  }

  /**
   * Where the load goes.
   *
   * @param label how the results name it
   * @param endpoint the full {@code /v1/responses} URL
   * @param model the {@code model} field to send
   * @param store whether to leave {@code store} at its default (the gateway keeps the response);
   *     false sends {@code "store": false}
   */
  record Target(String label, URI endpoint, String model, boolean store) {}

  /**
   * What a phase measured.
   *
   * @param target the target's label
   * @param mode plain or streamed
   * @param clients concurrent workers
   * @param ok requests that started in the window and succeeded
   * @param errors requests that started in the window and failed (status, body or I/O)
   * @param window the measured window
   * @param offered paced phases: the scheduled requests per second; NaN for closed loop
   * @param latency whole-request latency (plain: to the last byte; stream: to the end of stream)
   * @param created streams only: time to {@code response.created}
   * @param firstDelta streams only: time to the first {@code response.output_text.delta}
   * @param usage the gateway's memory and everyone's CPU over the window
   * @param firstError the first failure, for the report
   */
  record Result(
      String target,
      Mode mode,
      int clients,
      long ok,
      long errors,
      Duration window,
      double offered,
      Latencies.Summary latency,
      Latencies.Summary created,
      Latencies.Summary firstDelta,
      ResourceSampler.Usage usage,
      String firstError) {

    /** Successful requests per second of the window. */
    double perSecond() {
      return ok / (window.toNanos() / 1e9);
    }

    /** The gateway's CPU time per successful request, in microseconds. */
    double gatewayCpuMicrosPerRequest() {
      return ok == 0 ? Double.NaN : usage.gatewayCpuNanos() / 1000.0 / ok;
    }
  }

  private LoadPhase() {}

  /**
   * Runs a phase and returns its figures.
   *
   * @param rate requests per second across all workers, or 0 for a closed loop
   * @param tag makes session ids unique across phases
   * @param gatewayPid the gateway process, whose memory is sampled in the window
   */
  static Result run(
      Target target,
      Mode mode,
      int clients,
      double rate,
      Duration warmup,
      Duration window,
      String tag,
      long gatewayPid)
      throws InterruptedException {
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("rate must be 0 (closed loop) or positive, got " + rate);
    }
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + window.toNanos();
    // each worker sends every clients/rate seconds, the workers' schedules evenly interleaved
    long interval = rate == 0 ? 0 : (long) (clients * 1e9 / rate);
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicReference<String> firstError = new AtomicReference<>();
    for (int i = 0; i < clients; i++) {
      long firstSlot = start + (interval == 0 ? 0 : interval * i / clients);
      Worker worker =
          new Worker(
              target,
              mode,
              tag + "-w" + i,
              firstSlot,
              interval,
              measureFrom,
              measureUntil,
              firstError);
      workers.add(worker);
      threads.add(Thread.ofVirtual().name("load-" + tag + "-" + i).start(worker));
    }
    sleepUntil(measureFrom);
    ResourceSampler sampler = ResourceSampler.start(gatewayPid);
    for (Thread thread : threads) {
      thread.join(REQUEST_TIMEOUT.plus(window).plus(warmup).toMillis());
    }
    ResourceSampler.Usage usage = sampler.stop();
    long ok = 0;
    long errors = 0;
    for (Worker worker : workers) {
      ok += worker.latency.size();
      errors += worker.errors.get();
    }
    return new Result(
        target.label(),
        mode,
        clients,
        ok,
        errors,
        window,
        rate == 0 ? Double.NaN : rate,
        Latencies.summarize(workers.stream().map(w -> w.latency).toList()),
        mode == Mode.STREAM
            ? Latencies.summarize(workers.stream().map(w -> w.created).toList())
            : Latencies.Summary.EMPTY,
        mode == Mode.STREAM
            ? Latencies.summarize(workers.stream().map(w -> w.firstDelta).toList())
            : Latencies.Summary.EMPTY,
        usage,
        firstError.get());
  }

  /** The request body: a string input on its own session. */
  static String body(String model, String sessionId, boolean stream) {
    return body(model, sessionId, stream, true);
  }

  /** The request body; {@code store} false adds {@code "store": false}. */
  static String body(String model, String sessionId, boolean stream, boolean store) {
    return "{\"model\":\""
        + model
        + "\",\"input\":\""
        + INPUT
        + "\",\"metadata\":{\"session_id\":\""
        + sessionId
        + "\"}"
        + (stream ? ",\"stream\":true" : "")
        + (store ? "" : ",\"store\":false")
        + "}";
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpRequest request(URI endpoint, String body) {
    return HttpRequest.newBuilder(endpoint)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  private static final class Worker implements Runnable {
    private final Target target;
    private final Mode mode;
    private final String sessionPrefix;
    private final long firstSlot;
    private final long interval;
    private final long measureFrom;
    private final long measureUntil;
    private final AtomicReference<String> firstError;
    private final Latencies latency = new Latencies();
    private final Latencies created = new Latencies();
    private final Latencies firstDelta = new Latencies();
    private final AtomicLong errors = new AtomicLong();

    Worker(
        Target target,
        Mode mode,
        String sessionPrefix,
        long firstSlot,
        long interval,
        long measureFrom,
        long measureUntil,
        AtomicReference<String> firstError) {
      this.target = target;
      this.mode = mode;
      this.sessionPrefix = sessionPrefix;
      this.firstSlot = firstSlot;
      this.interval = interval;
      this.measureFrom = measureFrom;
      this.measureUntil = measureUntil;
      this.firstError = firstError;
    }

    @Override
    public void run() {
      try (HttpClient client = newClient()) {
        for (long seq = 0; ; seq++) {
          long sentAt = interval == 0 ? System.nanoTime() : firstSlot + seq * interval;
          if (sentAt >= measureUntil) {
            return;
          }
          if (interval > 0) {
            // latency counts from the scheduled time, even when the last answer made us late
            sleepUntil(sentAt);
          }
          boolean measured = sentAt >= measureFrom;
          HttpRequest request =
              request(
                  target.endpoint(),
                  body(
                      target.model(),
                      sessionPrefix + "-" + seq,
                      mode == Mode.STREAM,
                      target.store()));
          try {
            if (mode == Mode.PLAIN) {
              plain(client, request, sentAt, measured);
            } else {
              stream(client, request, sentAt, measured);
            }
          } catch (IOException e) {
            fail(measured, e.toString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void plain(HttpClient client, HttpRequest request, long sentAt, boolean measured)
        throws IOException, InterruptedException {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - sentAt;
      if (response.statusCode() != 200 || !response.body().contains("\"status\":\"completed\"")) {
        fail(measured, "HTTP " + response.statusCode() + ": " + clip(response.body()));
      } else if (measured) {
        latency.add(took);
      }
    }

    private void stream(HttpClient client, HttpRequest request, long sentAt, boolean measured)
        throws IOException, InterruptedException {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        try (InputStream body = response.body()) {
          fail(
              measured,
              "HTTP " + response.statusCode() + ": " + clip(new String(body.readAllBytes())));
        }
        return;
      }
      SseTimer.Timing timing = SseTimer.read(response.body(), sentAt, () -> {});
      if (!timing.completed() || timing.created() == 0 || timing.firstDelta() == 0) {
        fail(measured, "stream ended without response.created, a delta and response.completed");
      } else if (measured) {
        latency.add(timing.end());
        created.add(timing.created());
        firstDelta.add(timing.firstDelta());
      }
    }

    private void fail(boolean measured, String error) {
      if (measured) {
        errors.incrementAndGet();
      }
      firstError.compareAndSet(null, error);
    }

    private static String clip(String text) {
      return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
  }
}
