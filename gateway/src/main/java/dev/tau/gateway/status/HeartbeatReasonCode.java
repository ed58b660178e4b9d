package dev.tau.gateway.status;

import java.util.Locale;

/** Reason codes the status report itself gives the runtime heartbeat block (tau-spec §2.8.4). */
public enum HeartbeatReasonCode {
  HEARTBEAT_STATE_MISSING,
  HEARTBEAT_STATE_READ_FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
