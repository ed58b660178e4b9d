package dev.tau.llm.google;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini's thinking models attach an opaque {@code thoughtSignature} to function calls and want it
 * back with the call in the next request. Tau's messages have no field for it, so the adapter
 * remembers the latest signatures by tool-call id (bounded, oldest dropped first).
 */
final class ThoughtSignatures {
  private static final int MAX_ENTRIES = 1024;

  private final Map<String, String> byCallId =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized void put(String callId, String signature) {
    byCallId.put(callId, signature);
  }

  synchronized Optional<String> get(String callId) {
    return Optional.ofNullable(byCallId.get(callId));
  }
}
