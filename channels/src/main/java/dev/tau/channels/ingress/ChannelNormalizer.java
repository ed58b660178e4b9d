package dev.tau.channels.ingress;

import dev.tau.channels.ChannelAdapter;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.discord.DiscordAdapter;
import dev.tau.channels.telegram.TelegramAdapter;
import dev.tau.channels.whatsapp.WhatsAppAdapter;
import dev.tau.core.json.Json;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns live-ingress envelopes and raw platform payloads into {@link InboundEvent}s (tau-spec
 * §5.3). Every outcome is a {@link Normalization} value: a bad line is a {@link
 * Normalization.Rejected} with its reason code, so a runner reports it and carries on.
 */
public final class ChannelNormalizer {
  private final Map<Transport, ChannelAdapter> adapters = new EnumMap<>(Transport.class);

  public ChannelNormalizer(List<ChannelAdapter> adapters) {
    for (ChannelAdapter adapter : adapters) {
      this.adapters.put(adapter.transport(), adapter);
    }
  }

  /** The Telegram, Discord and WhatsApp adapters. */
  public static ChannelNormalizer standard() {
    return new ChannelNormalizer(
        List.of(new TelegramAdapter(), new DiscordAdapter(), new WhatsAppAdapter()));
  }

  /** Normalises one NDJSON envelope line. */
  public Normalization normalizeLine(String line) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (JacksonException e) {
      return new Normalization.Rejected(IngressReason.INVALID_JSON, e.getOriginalMessage());
    }
    try {
      return normalize(LiveEnvelope.fromJson(node));
    } catch (NormalizationException e) {
      return new Normalization.Rejected(e.reason(), e.detail());
    }
  }

  /** Normalises one envelope: schema, transport, the adapter's mapping, then the event checks. */
  public Normalization normalize(LiveEnvelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    if (envelope.schemaVersion() != InboundEvent.SCHEMA_VERSION) {
      return new Normalization.Rejected(
          IngressReason.UNSUPPORTED_SCHEMA_VERSION,
          "expected schema_version 1 but found " + envelope.schemaVersion());
    }
    if (envelope.transport().isBlank()) {
      return new Normalization.Rejected(
          IngressReason.MISSING_TRANSPORT, "transport cannot be empty");
    }
    Transport transport = Transport.parse(envelope.transport()).orElse(null);
    ChannelAdapter adapter = transport == null ? null : adapters.get(transport);
    if (adapter == null) {
      return new Normalization.Rejected(
          IngressReason.UNSUPPORTED_TRANSPORT,
          "unsupported transport '"
              + envelope.transport().strip()
              + "' (expected telegram, discord, or whatsapp)");
    }
    if (!envelope.payload().isObject()) {
      return new Normalization.Rejected(
          IngressReason.MISSING_PAYLOAD, "payload must be a JSON object");
    }
    InboundEvent event;
    try {
      event = adapter.normalize(envelope.effectiveProvider(transport), envelope.payload());
    } catch (NormalizationException e) {
      return new Normalization.Rejected(e.reason(), e.detail());
    } catch (IllegalArgumentException e) {
      // the adapter's fields were readable but the event they make breaks the contract (§5.2)
      return new Normalization.Rejected(IngressReason.INVALID_NORMALIZED_EVENT, e.getMessage());
    }
    return new Normalization.Normalized(event);
  }

  /**
   * Wraps a raw platform payload (the text of a file or webhook body) into an envelope and
   * normalises it: the one-shot ingest and the connectors use this before appending {@link
   * LiveEnvelope#toLine()} to the transport's inbox file.
   */
  public RawIngest ingestRaw(Transport transport, String provider, String rawPayload) {
    JsonNode payload;
    try {
      payload = Json.mapper().readTree(rawPayload);
    } catch (JacksonException e) {
      return new RawIngest(
          null, new Normalization.Rejected(IngressReason.INVALID_JSON, e.getOriginalMessage()));
    }
    if (payload == null || !payload.isObject()) {
      return new RawIngest(
          null,
          new Normalization.Rejected(
              IngressReason.INVALID_FIELD_TYPE, "provider payload must be a JSON object"));
    }
    LiveEnvelope envelope = LiveEnvelope.wrap(transport, provider, payload);
    return new RawIngest(envelope, normalize(envelope));
  }

  /** A raw payload's envelope (absent when the payload was not a JSON object) and its outcome. */
  public record RawIngest(LiveEnvelope envelope, Normalization outcome) {
    public RawIngest {
      Objects.requireNonNull(outcome, "outcome");
    }

    public boolean accepted() {
      return outcome instanceof Normalization.Normalized;
    }
  }
}
