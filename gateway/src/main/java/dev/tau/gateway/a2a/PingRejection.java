package dev.tau.gateway.a2a;

/** Why a ping was refused, with the exact message of zavora-spec §6.3 (answered with 400). */
public enum PingRejection {
  FROM_AGENT_REQUIRED("from_agent is required for A2A ping"),
  TO_AGENT_REQUIRED("to_agent is required for A2A ping"),
  MESSAGE_ID_REQUIRED("message_id is required for A2A ping"),
  CORRELATION_ID_NOT_STRING("correlation_id must be a string for A2A ping"),
  BODY_NOT_OBJECT("A2A ping body must be a JSON object");

  private final String message;

  PingRejection(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
