package dev.tau.channels.outbound;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.store.ChannelStore;
import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-shot send (tau-spec §5.17): delivers a text to a target in dry-run or provider mode,
 * writes the audit line and receipt artifact to the channel store, and returns the report. A
 * delivery failure is a report with {@code status:"failed"}, not an exception.
 */
public final class OneShotSend {
  /** Longest text, in Unicode scalars. */
  public static final int MAX_TEXT_CHARS = 16_000;

  static final String SOURCE = "multi_channel_send";
  static final String ARTIFACT_TYPE = "multi-channel-send-receipt";
  static final int RETENTION_DAYS = 30;

  private OneShotSend() {}

  /** What {@link #run} gives: the report and whether delivery failed. */
  public record Result(ObjectNode report, boolean failed) {}

  /**
   * @param dispatcher built for {@code settings} (dry-run or provider)
   * @param stateDir the multi-channel state directory; the audit goes under {@code channel-store/}
   * @throws IllegalArgumentException when the text is blank or too long
   */
  public static Result run(
      SendTarget target, String text, OutboundDispatcher dispatcher, Path stateDir, Clock clock) {
    Objects.requireNonNull(target, "target");
    String trimmed = text.strip();
    int chars = trimmed.codePointCount(0, trimmed.length());
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the send text is empty");
    }
    if (chars > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "the send text has " + chars + " characters; at most " + MAX_TEXT_CHARS + " are allowed");
    }
    if (dispatcher.mode() == OutboundMode.CHANNEL_STORE) {
      throw new IllegalArgumentException("a one-shot send needs dry-run or provider mode");
    }
    long now = clock.millis();
    String transport = target.transport().wire();
    String storeId = ChannelStore.sanitize(target.storeId());
    String eventKey = "multi-channel-send:" + transport + ":" + storeId + ":" + now;
    Map<String, JsonNode> metadata =
        target.phoneNumberIdOverride().isEmpty()
            ? Map.of()
            : Map.of(
                "whatsapp_phone_number_id",
                Json.mapper().getNodeFactory().stringNode(target.phoneNumberIdOverride()));
    InboundEvent event =
        new InboundEvent(
            InboundEvent.SCHEMA_VERSION,
            target.transport(),
            EventKind.MESSAGE,
            "multi-channel-send-" + now,
            target.phoneNumberIdOverride().isEmpty()
                ? target.conversationId()
                : target.phoneNumberIdOverride() + ":" + target.recipient(),
            "",
            target.recipient(),
            "",
            now,
            trimmed,
            List.of(),
            metadata);
    DeliveryOutcome outcome = dispatcher.deliver(event, trimmed);
    String status = outcome.failed() ? "failed" : "sent";
    String reason =
        outcome.receipts().stream()
            .filter(DeliveryReceipt::failed)
            .map(DeliveryReceipt::reasonCode)
            .findFirst()
            .orElse("");

    ObjectNode audit = Json.object();
    audit.put("schema", "multi_channel_send_audit_v1");
    audit.put("transport", transport);
    audit.put("target", target.storeId());
    audit.put("mode", outcome.mode().wire());
    audit.put("status", status);
    audit.put("reason_code", reason);
    audit.put("text_chars", chars);
    audit.put("chunk_count", outcome.chunkCount());
    audit.set("receipts", receipts(outcome, false));

    ChannelStore store = ChannelStore.open(stateDir.resolve("channel-store"), transport, storeId);
    store.appendLog(
        List.of(
            new ChannelStore.LogEntry(
                now, ChannelStore.Direction.OUTBOUND, eventKey, SOURCE, audit)));
    ChannelStore.Artifact artifact =
        store.writeArtifact(
            eventKey,
            ARTIFACT_TYPE,
            "operator",
            "json",
            Json.write(audit) + "\n",
            RETENTION_DAYS,
            now);

    ObjectNode report = Json.object();
    report.put("schema", "multi_channel_send_report_v1");
    report.put("action", "send");
    report.put("transport", transport);
    report.put("target", target.storeId());
    report.put("mode", outcome.mode().wire());
    report.put("status", status);
    report.put("reason_code", reason);
    report.put("text_chars", chars);
    report.put("chunk_count", outcome.chunkCount());
    report.set("delivery_receipts", receipts(outcome, true));
    report.put("event_key", eventKey);
    report.put("channel_store_ref", transport + "/" + storeId);
    report.put("channel_store_log_path", store.logFile().toString());
    report.put("audit_artifact_relative_path", artifact.relativePath());
    report.put("state_persisted", true);
    report.put("updated_unix_ms", now);
    return new Result(report, outcome.failed());
  }

  /** The settings for a send to {@code target}: its {@code @<digits>} phone number id wins. */
  public static OutboundSettings settingsFor(SendTarget target, OutboundSettings settings) {
    return target.phoneNumberIdOverride().isEmpty()
        ? settings
        : settings.withWhatsappPhoneNumberId(target.phoneNumberIdOverride());
  }

  /** Receipts as JSON; for the printed report, provider message ids are shortened. */
  public static ArrayNode receipts(DeliveryOutcome outcome, boolean redactIds) {
    ArrayNode array = Json.array();
    for (DeliveryReceipt r : outcome.receipts()) {
      ObjectNode node = array.addObject();
      node.put("transport", r.transport());
      node.put("mode", r.mode().wire());
      node.put("status", r.status());
      node.put("chunk_index", r.chunkIndex());
      node.put("chunk_count", r.chunkCount());
      node.put("endpoint", r.endpoint());
      node.put("request_body", r.requestBody());
      node.put("reason_code", r.reasonCode());
      node.put("detail", r.detail());
      node.put("retryable", r.retryable());
      node.put("http_status", r.httpStatus());
      node.put(
          "provider_message_id",
          redactIds ? redactId(r.providerMessageId()) : r.providerMessageId());
    }
    return array;
  }

  /** {@code (redacted)} for ids of at most 8 characters, else the first 4 and {@code ...}. */
  static String redactId(String id) {
    if (id.isEmpty()) {
      return "";
    }
    return id.length() <= 8 ? "(redacted)" : id.substring(0, 4) + "...";
  }
}
