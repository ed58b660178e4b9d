package dev.tau.guardrails;

/**
 * Receives every guardrail match (observed, blocked or redacted). The CLI and gateway wiring
 * connect it to telemetry; keep it quick, it runs on the request's thread.
 */
@FunctionalInterface
public interface GuardrailListener {
  GuardrailListener NONE = event -> {};

  void onEvent(GuardrailEvent event);
}
