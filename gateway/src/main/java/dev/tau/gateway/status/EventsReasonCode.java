package dev.tau.gateway.status;

import java.util.Locale;

/** Why the routine-scheduler ("events") posture is what it is (tau-spec §2.8.3). */
public enum EventsReasonCode {
  EVENTS_NOT_CONFIGURED,
  EVENTS_READY,
  EVENTS_NONE_DISCOVERED,
  EVENTS_MALFORMED_DEFINITIONS,
  EVENTS_RECENT_FAILURES,
  EVENTS_STATE_READ_FAILED,
  EVENTS_STATE_PARSE_FAILED,
  EVENTS_DIR_READ_FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
