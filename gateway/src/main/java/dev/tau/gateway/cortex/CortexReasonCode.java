package dev.tau.gateway.cortex;

import java.util.Locale;

/** Why the Cortex readiness or a Cortex chat came out as it did (tau-spec §2.9). */
public enum CortexReasonCode {
  // readiness (GET /cortex/status), in classification order
  CORTEX_OBSERVER_EVENTS_MISSING,
  CORTEX_OBSERVER_EVENTS_READ_FAILED,
  CORTEX_OBSERVER_EVENTS_MALFORMED,
  CORTEX_OBSERVER_EVENTS_EMPTY,
  CORTEX_CHAT_ACTIVITY_MISSING,
  CORTEX_OBSERVER_LAST_EVENT_UNKNOWN,
  CORTEX_OBSERVER_EVENTS_STALE,
  CORTEX_READY,
  // chat outcomes (POST /cortex/chat)
  CORTEX_CHAT_LLM_APPLIED,
  CORTEX_CHAT_LLM_EMPTY_FALLBACK,
  CORTEX_CHAT_LLM_ERROR_FALLBACK;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
