package dev.tau.testkit.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer of a fake vendor server, in vendor-neutral terms; each server renders it in
 * its vendor's exact wire format (JSON body or SSE stream, error JSON).
 *
 * @param status the HTTP status; 200 for an answer, anything else for an error
 * @param text the answer text (streamed in word chunks)
 * @param toolCalls tool calls, in order (two make a parallel call)
 * @param usage token counts to report
 * @param stop why the fake model stopped
 * @param errorMessage the vendor error message for a non-200 status
 * @param retryAfter the {@code Retry-After} header value, or empty for none
 * @param fault a deliberate breakage of the stream
 * @param headerDelay how long to wait before sending the response headers
 */
public record FakeReply(
    int status,
    String text,
    List<FakeToolCall> toolCalls,
    Usage usage,
    Stop stop,
    String errorMessage,
    String retryAfter,
    Fault fault,
    Duration headerDelay) {

  /** Token counts; {@code input} includes {@code cached}, as in Tau's own {@code Usage}. */
  public record Usage(long input, long output, long cached) {}

  /** Why the fake model stopped; tool calls imply {@link #TOOL_USE} unless another is set. */
  public enum Stop {
    END,
    TOOL_USE,
    MAX_TOKENS,
    CONTENT_FILTER
  }

  /** How to break a streamed answer. */
  public enum Fault {
    NONE,
    /** Half the output, then a clean end of the body without the vendor's terminal event. */
    CUT_OFF_MIDWAY,
    /** The first event, then a line that is not SSE at all. */
    MALFORMED_SSE,
    /** The first event, then an event whose data is not JSON. */
    INVALID_JSON,
    /** The first output event, then keep-alive comments until the client goes away. */
    HANG_AFTER_FIRST_OUTPUT
  }

  public FakeReply {
    Objects.requireNonNull(text, "text");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(headerDelay, "headerDelay");
  }

  public static FakeReply text(String text) {
    return new FakeReply(
        200, text, List.of(), new Usage(11, 7, 0), Stop.END, "", "", Fault.NONE, Duration.ZERO);
  }

  public static FakeReply toolCalls(FakeToolCall... calls) {
    return new FakeReply(
        200,
        "",
        List.of(calls),
        new Usage(11, 7, 0),
        Stop.TOOL_USE,
        "",
        "",
        Fault.NONE,
        Duration.ZERO);
  }

  public static FakeReply error(int status, String message) {
    return new FakeReply(
        status,
        "",
        List.of(),
        new Usage(0, 0, 0),
        Stop.END,
        message,
        "",
        Fault.NONE,
        Duration.ZERO);
  }

  public FakeReply withText(String newText) {
    return new FakeReply(
        status, newText, toolCalls, usage, stop, errorMessage, retryAfter, fault, headerDelay);
  }

  public FakeReply withUsage(long input, long output, long cached) {
    return new FakeReply(
        status,
        text,
        toolCalls,
        new Usage(input, output, cached),
        stop,
        errorMessage,
        retryAfter,
        fault,
        headerDelay);
  }

  public FakeReply withStop(Stop newStop) {
    return new FakeReply(
        status, text, toolCalls, usage, newStop, errorMessage, retryAfter, fault, headerDelay);
  }

  public FakeReply withRetryAfter(String value) {
    return new FakeReply(
        status, text, toolCalls, usage, stop, errorMessage, value, fault, headerDelay);
  }

  public FakeReply withFault(Fault newFault) {
    return new FakeReply(
        status, text, toolCalls, usage, stop, errorMessage, retryAfter, newFault, headerDelay);
  }

  public FakeReply withHeaderDelay(Duration delay) {
    return new FakeReply(
        status, text, toolCalls, usage, stop, errorMessage, retryAfter, fault, delay);
  }

  /** The stop reason the wire should carry. */
  public Stop effectiveStop() {
    return !toolCalls.isEmpty() && stop == Stop.END ? Stop.TOOL_USE : stop;
  }
}
