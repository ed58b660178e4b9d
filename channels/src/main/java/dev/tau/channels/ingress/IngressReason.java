package dev.tau.channels.ingress;

import java.util.Locale;

/** Why a live-ingress line or raw payload could not be normalised (tau-spec §5.3). */
public enum IngressReason {
  INVALID_JSON,
  UNSUPPORTED_SCHEMA_VERSION,
  MISSING_TRANSPORT,
  UNSUPPORTED_TRANSPORT,
  MISSING_PAYLOAD,
  MISSING_FIELD,
  INVALID_FIELD_TYPE,
  INVALID_TIMESTAMP,
  EMPTY_CONTENT,
  INVALID_NORMALIZED_EVENT;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }
}
