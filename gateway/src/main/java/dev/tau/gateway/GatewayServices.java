package dev.tau.gateway;

import dev.tau.agent.Agent;
import dev.tau.agent.RunObserver;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.a2a.A2aEvents;
import dev.tau.guardrails.Guardrail;
import java.time.Clock;
import java.util.Objects;

/**
 * The running objects the gateway serves with, built by the caller from its configuration.
 *
 * @param agent the agent that answers (thread-safe; one run per request)
 * @param sessions the session store every request's turn is persisted to
 * @param model the {@code provider/model} id, as reported in responses
 * @param clock the clock for timestamps, expiry and rate limits
 * @param ids the id source for response, message and token ids
 * @param provider the configured model provider, for calls outside an agent run (the Cortex chat)
 * @param guardrail the input and output guardrail every model-facing route applies
 * @param a2aEvents hears the A2A ping events (the telemetry seam)
 * @param runObserver gives every agent turn a listener of its own (the tracing seam)
 */
public record GatewayServices(
    Agent agent,
    SessionStore sessions,
    String model,
    Clock clock,
    IdSource ids,
    ModelProvider provider,
    Guardrail guardrail,
    A2aEvents a2aEvents,
    RunObserver runObserver) {
  public GatewayServices {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(guardrail, "guardrail");
    Objects.requireNonNull(a2aEvents, "a2aEvents");
    Objects.requireNonNull(runObserver, "runObserver");
  }

  /** Services whose turns are watched by nothing but the gateway itself. */
  public GatewayServices(
      Agent agent,
      SessionStore sessions,
      String model,
      Clock clock,
      IdSource ids,
      ModelProvider provider,
      Guardrail guardrail,
      A2aEvents a2aEvents) {
    this(agent, sessions, model, clock, ids, provider, guardrail, a2aEvents, RunObserver.NONE);
  }

  /** Services whose A2A events go nowhere. */
  public GatewayServices(
      Agent agent,
      SessionStore sessions,
      String model,
      Clock clock,
      IdSource ids,
      ModelProvider provider,
      Guardrail guardrail) {
    this(agent, sessions, model, clock, ids, provider, guardrail, A2aEvents.NONE);
  }

  /** Services without guardrails. */
  public GatewayServices(
      Agent agent,
      SessionStore sessions,
      String model,
      Clock clock,
      IdSource ids,
      ModelProvider provider) {
    this(agent, sessions, model, clock, ids, provider, Guardrail.disabled());
  }
}
