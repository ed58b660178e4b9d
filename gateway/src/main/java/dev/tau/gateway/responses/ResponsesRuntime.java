package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ErrorCode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.node.ObjectNode;

/**
 * In-memory counters of the model-facing API ({@code /v1/responses}, {@code /v1/chat/completions},
 * {@code /v1/completions}, {@code /v1/models}), for {@code /gateway/status → gateway.openai_compat
 * .runtime} and the dashboard. One per running gateway, shared by its features: get it with {@link
 * #of(GatewayContext)}. Lost on restart, like the rest of the auth and rate-limit runtime state.
 * Thread-safe.
 */
public final class ResponsesRuntime {
  /** The routes counted separately. */
  public enum Endpoint {
    RESPONSES,
    CHAT_COMPLETIONS,
    COMPLETIONS,
    MODELS,
    STORED_RESPONSES;

    /** The counter's JSON name, for example {@code chat_completions_requests}. */
    public String counterName() {
      return name().toLowerCase(Locale.ROOT) + "_requests";
    }
  }

  private static final int LAST_REASON_CODES = 16;
  private static final int MAX_DISTINCT_FIELDS = 128;
  private static final int MAX_FIELD_NAME = 64;

  /** Where ignored fields are counted once {@value #MAX_DISTINCT_FIELDS} names are known. */
  public static final String OTHER_FIELDS = "(other)";

  // One runtime per gateway context. Weak keys: a stopped server's counters go with its context.
  // Values never refer to their context, or the weak keys could not be collected.
  private static final Map<GatewayContext, ResponsesRuntime> BY_CONTEXT = new WeakHashMap<>();

  private final AtomicLong totalRequests = new AtomicLong();
  private final Map<Endpoint, AtomicLong> byEndpoint = new ConcurrentHashMap<>();
  private final AtomicLong streamRequests = new AtomicLong();
  private final AtomicLong translationFailures = new AtomicLong();
  private final AtomicLong executionFailures = new AtomicLong();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final Map<String, LongAdder> reasonCodeCounts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> ignoredFieldCounts = new ConcurrentHashMap<>();
  private final Deque<String> lastReasonCodes = new ArrayDeque<>();
  private final SessionLocks sessionLocks = new SessionLocks();

  ResponsesRuntime() {
    for (Endpoint e : Endpoint.values()) {
      byEndpoint.put(e, new AtomicLong());
    }
  }

  /** The runtime of the gateway that {@code context} belongs to (created on first use). */
  public static ResponsesRuntime of(GatewayContext context) {
    Objects.requireNonNull(context, "context");
    synchronized (BY_CONTEXT) {
      return BY_CONTEXT.computeIfAbsent(context, c -> new ResponsesRuntime());
    }
  }

  public long totalRequests() {
    return totalRequests.get();
  }

  public long requests(Endpoint endpoint) {
    return byEndpoint.get(endpoint).get();
  }

  public long streamRequests() {
    return streamRequests.get();
  }

  /** Requests refused before any model call: bad JSON, bad fields, too large, busy session. */
  public long translationFailures() {
    return translationFailures.get();
  }

  /** Runs that failed: provider errors, store errors, shutdown. */
  public long executionFailures() {
    return executionFailures.get();
  }

  /** Streams open now. */
  public int activeStreams() {
    return activeStreams.get();
  }

  /** How often each reason code was recorded. */
  public Map<String, Long> reasonCodeCounts() {
    return snapshot(reasonCodeCounts);
  }

  /** How often each ignored request field was seen. */
  public Map<String, Long> ignoredFieldCounts() {
    return snapshot(ignoredFieldCounts);
  }

  /**
   * {@code {total_requests, responses_requests, chat_completions_requests, completions_requests,
   * models_requests, stored_responses_requests, stream_requests, active_streams,
   * translation_failures, execution_failures, reason_code_counts{}, ignored_field_counts{},
   * last_reason_codes[]}}.
   */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("total_requests", totalRequests());
    for (Endpoint e : Endpoint.values()) {
      node.put(e.counterName(), requests(e));
    }
    node.put("stream_requests", streamRequests());
    node.put("active_streams", activeStreams());
    node.put("translation_failures", translationFailures());
    node.put("execution_failures", executionFailures());
    ObjectNode reasons = node.putObject("reason_code_counts");
    reasonCodeCounts().forEach(reasons::put);
    ObjectNode ignored = node.putObject("ignored_field_counts");
    ignoredFieldCounts().forEach(ignored::put);
    var last = node.putArray("last_reason_codes");
    synchronized (lastReasonCodes) {
      lastReasonCodes.forEach(last::add);
    }
    return node;
  }

  void recordRequest(Endpoint endpoint) {
    totalRequests.incrementAndGet();
    byEndpoint.get(endpoint).incrementAndGet();
  }

  void recordStream() {
    streamRequests.incrementAndGet();
  }

  void streamOpened() {
    activeStreams.incrementAndGet();
  }

  void streamClosed() {
    activeStreams.decrementAndGet();
  }

  void recordTranslationFailure(ErrorCode code) {
    translationFailures.incrementAndGet();
    reason(code.wire());
  }

  void recordExecutionFailure(ErrorCode code) {
    executionFailures.incrementAndGet();
    reason(code.wire());
  }

  void recordExecutionFailure(ReasonCode code) {
    executionFailures.incrementAndGet();
    reason(code.wire());
  }

  void recordOutcome(ReasonCode code) {
    reason(code.wire());
  }

  /**
   * Counts ignored fields by shape ({@code input[3].content} counts as {@code input[].content}).
   * Field names come from callers, so the number of distinct names kept is bounded.
   */
  void recordIgnoredFields(Collection<String> fields) {
    for (String field : fields) {
      String shape = field.replaceAll("\\[\\d+]", "[]");
      if (shape.length() > MAX_FIELD_NAME
          || (!ignoredFieldCounts.containsKey(shape)
              && ignoredFieldCounts.size() >= MAX_DISTINCT_FIELDS)) {
        shape = OTHER_FIELDS;
      }
      ignoredFieldCounts.computeIfAbsent(shape, f -> new LongAdder()).increment();
    }
  }

  SessionLocks sessionLocks() {
    return sessionLocks;
  }

  private void reason(String code) {
    reasonCodeCounts.computeIfAbsent(code, c -> new LongAdder()).increment();
    synchronized (lastReasonCodes) {
      lastReasonCodes.addLast(code);
      while (lastReasonCodes.size() > LAST_REASON_CODES) {
        lastReasonCodes.removeFirst();
      }
    }
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
