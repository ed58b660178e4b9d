package dev.tau.gateway.cortex;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.ToolChoice;
import dev.tau.core.util.IdSource;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cortex admin chat (tau-spec §2.9.3): one streamed call to the configured model with an
 * operator prompt grounded in the observer status and the gateway posture, then a {@code
 * cortex.chat.request} record in the observer log — written before the final event, so a client
 * that reads {@code cortex.response.completed} and then asks {@code /cortex/status} sees it.
 *
 * <p>A provider failure is reported as {@link CortexEvent.Failed} with the provider's failure
 * category and is still recorded ({@code reason_code=cortex_chat_llm_error_fallback}, {@code
 * fallback=true}); an empty answer is replaced by a fixed fallback text ({@code
 * cortex_chat_llm_empty_fallback}).
 */
public final class CortexChat {
  /** The operator copilot's instructions. */
  public static final String SYSTEM_PROMPT =
      "You are Tau Cortex, the admin copilot of a Tau gateway. Answer the operator's question"
          + " using the status facts given below; say so when they do not cover the question and"
          + " name the command or endpoint that would. Quote reason codes exactly. Plain text,"
          + " concise, actionable.";

  public static final int MAX_PROMPT_CHARS = 8_000;
  public static final int MAX_OUTPUT_CHARS = 4_000;
  public static final int MAX_OUTPUT_TOKENS = 384;

  private final ModelProvider provider;
  private final String model;
  private final CortexObserverLog log;
  private final Clock clock;
  private final IdSource ids;

  /**
   * @param provider the configured model provider
   * @param model the vendor model name sent in the request
   */
  public CortexChat(
      ModelProvider provider, String model, CortexObserverLog log, Clock clock, IdSource ids) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * Answers {@code input}, reporting to {@code sink} as it goes; returns the outcome's reason code.
   * Exceptions thrown by {@code sink} (a client that went away) end the model call but the chat is
   * still recorded.
   *
   * @param observerStatus the one-line observer status ({@link CortexStatus#summaryLine()})
   * @param gatewayStatus a one-line gateway posture
   */
  public CortexReasonCode answer(
      String input,
      String observerStatus,
      String gatewayStatus,
      Consumer<CortexEvent> sink,
      Cancellation cancel) {
    String id = ids.next("cortex_resp_");
    StringBuilder text = new StringBuilder();
    CortexReasonCode reason;
    String errorCode = null;
    String errorMessage = null;
    Usage usage = Usage.ZERO;
    try {
      sink.accept(new CortexEvent.Created(id, clock.millis(), model));
      ModelRequest request =
          new ModelRequest(
              model,
              SYSTEM_PROMPT,
              List.of(Message.user(prompt(input, observerStatus, gatewayStatus))),
              List.of(),
              ToolChoice.AUTO,
              OptionalInt.of(MAX_OUTPUT_TOKENS),
              OptionalDouble.of(0.0));
      ModelResponse response =
          provider.stream(
              request,
              event -> {
                if (event instanceof StreamEvent.TextDelta d) {
                  emit(id, d.text(), text, sink);
                }
              },
              cancel);
      usage = response.usage();
      if (text.isEmpty()) {
        emit(id, response.message().text(), text, sink); // a provider that did not stream text
      }
      if (text.toString().isBlank()) {
        reason = CortexReasonCode.CORTEX_CHAT_LLM_EMPTY_FALLBACK;
        text.setLength(0);
        emit(id, fallbackText(reason, input, observerStatus), text, sink);
      } else {
        reason = CortexReasonCode.CORTEX_CHAT_LLM_APPLIED;
      }
    } catch (ProviderException e) {
      reason = CortexReasonCode.CORTEX_CHAT_LLM_ERROR_FALLBACK;
      errorCode = e.code();
      errorMessage = e.getMessage();
    } catch (CancelledException e) {
      reason = CortexReasonCode.CORTEX_CHAT_LLM_ERROR_FALLBACK;
      errorCode = "cancelled";
      errorMessage = "the cortex chat was cancelled (client gone or gateway shutting down)";
    } catch (RuntimeException e) {
      reason = CortexReasonCode.CORTEX_CHAT_LLM_ERROR_FALLBACK;
      errorCode = "cortex_chat_failed";
      errorMessage = "the cortex chat failed: " + e.getMessage();
    }
    boolean fallback = reason != CortexReasonCode.CORTEX_CHAT_LLM_APPLIED;
    int outputChars = errorCode == null ? text.length() : 0;
    ObjectNode metadata = Json.object();
    metadata.put("response_id", id);
    metadata.put("input_chars", input.length());
    metadata.put("output_chars", outputChars);
    metadata.put("reason_code", reason.wire());
    metadata.put("fallback", fallback);
    if (errorCode != null) {
      metadata.put("error_code", errorCode);
    }
    try {
      log.append(ObserverEventType.CORTEX_CHAT_REQUEST, metadata);
    } catch (IOException | RuntimeException e) {
      if (errorCode == null) {
        errorCode = "observer_write_failed";
        errorMessage = "cannot record the chat in " + log.path() + ": " + e.getMessage();
      }
    }
    if (errorCode != null) {
      sink.accept(new CortexEvent.Failed(id, reason, errorCode, errorMessage));
    } else {
      sink.accept(new CortexEvent.TextDone(id, text.toString()));
      sink.accept(new CortexEvent.Completed(id, reason, fallback, outputChars, usage));
    }
    return reason;
  }

  /** Appends what still fits under {@link #MAX_OUTPUT_CHARS} and forwards it. */
  private static void emit(
      String id, String piece, StringBuilder text, Consumer<CortexEvent> sink) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    int room = MAX_OUTPUT_CHARS - text.length();
    if (room <= 0) {
      return;
    }
    String part = piece.length() > room ? piece.substring(0, room) : piece;
    text.append(part);
    sink.accept(new CortexEvent.TextDelta(id, part));
  }

  private String fallbackText(CortexReasonCode reason, String input, String observerStatus) {
    return "Cortex fallback response engaged. reason_code="
        + reason.wire()
        + " model="
        + model
        + " input_chars="
        + input.length()
        + ". The model returned no text; observer status: "
        + observerStatus;
  }

  /** The grounded user prompt, at most {@link #MAX_PROMPT_CHARS} characters. */
  static String prompt(String input, String observerStatus, String gatewayStatus) {
    String head = "[operator_query]\n";
    String tail =
        "\n\n[observer_status]\n"
            + observerStatus
            + "\n\n[gateway_status]\n"
            + gatewayStatus
            + "\n\n[response_style]\n"
            + "Plain text, at most a few short paragraphs or a short list of steps. Start with"
            + " the answer. Name exact reason codes, endpoints and commands.";
    // keep the status facts and the style: shorten the operator's query instead
    int room = MAX_PROMPT_CHARS - head.length() - tail.length();
    String query = input.strip();
    if (query.length() > room) {
      query = query.substring(0, Math.max(0, room - 1)) + "…";
    }
    String prompt = head + query + tail;
    return prompt.length() <= MAX_PROMPT_CHARS ? prompt : prompt.substring(0, MAX_PROMPT_CHARS);
  }
}
