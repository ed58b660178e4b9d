package dev.tau.gateway.a2a;

import java.util.ArrayList;
import java.util.List;

/** Records the a2a events in order, as {@code name(args)} lines. */
final class RecordingEvents implements A2aEvents {
  final List<String> seen = new ArrayList<>();

  @Override
  public void pingReceived(String fromAgent, String toAgent, String messageId) {
    seen.add("received(" + fromAgent + "," + toAgent + "," + messageId + ")");
  }

  @Override
  public void pingResponded(String messageId, String status) {
    seen.add("responded(" + messageId + "," + status + ")");
  }

  @Override
  public void smokePassed(String fromAgent, String toAgent, String messageId) {
    seen.add("smoke(" + fromAgent + "," + toAgent + "," + messageId + ")");
  }
}
