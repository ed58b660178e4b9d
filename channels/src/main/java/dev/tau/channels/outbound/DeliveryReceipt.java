package dev.tau.channels.outbound;

import java.util.Objects;

/**
 * One chunk request (tau-spec §5.13 receipt). Unlike the original, {@code endpoint} never holds a
 * credential: the Telegram bot token in the URL path is written as {@code bot<redacted>}.
 *
 * @param status {@code sent}, {@code dry_run} or {@code failed}
 * @param reasonCode a {@code delivery_*} code for a failure; empty otherwise
 * @param detail the response body of a failure, at most 512 characters plus {@code ...}
 * @param httpStatus the HTTP status, 0 when no response was received or nothing was sent
 * @param providerMessageId the platform's message id when the platform returned one; empty
 *     otherwise
 */
public record DeliveryReceipt(
    String transport,
    OutboundMode mode,
    String status,
    int chunkIndex,
    int chunkCount,
    String endpoint,
    String requestBody,
    String reasonCode,
    String detail,
    boolean retryable,
    int httpStatus,
    String providerMessageId) {
  public DeliveryReceipt {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(requestBody, "request_body");
    reasonCode = reasonCode == null ? "" : reasonCode;
    detail = detail == null ? "" : detail;
    providerMessageId = providerMessageId == null ? "" : providerMessageId;
  }

  public boolean failed() {
    return status.equals("failed");
  }
}
