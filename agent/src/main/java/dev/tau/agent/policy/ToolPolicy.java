package dev.tau.agent.policy;

import dev.tau.core.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which tools the agent may run and which need approval. Immutable.
 *
 * <ul>
 *   <li>{@code allow}: patterns of tools that may run; empty means every tool.
 *   <li>{@code deny}: patterns of tools that must not run; deny wins over allow.
 *   <li>{@code confirmation}: which calls need a {@link Confirmer}'s approval.
 *   <li>{@code approve}: patterns of tools that never need approval, whatever the mode.
 *   <li>{@code requireConfirm}: patterns of tools that always need approval, whatever the mode
 *       (wins over {@code approve}: when both match, asking is the safe answer).
 * </ul>
 */
public record ToolPolicy(
    List<ToolPattern> allow,
    List<ToolPattern> deny,
    ConfirmationMode confirmation,
    List<ToolPattern> approve,
    List<ToolPattern> requireConfirm) {

  public ToolPolicy {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    approve = List.copyOf(approve);
    requireConfirm = List.copyOf(requireConfirm);
    Objects.requireNonNull(confirmation, "confirmation");
  }

  /** Every tool allowed, nothing needs approval. */
  public static ToolPolicy allowAll() {
    return new ToolPolicy(List.of(), List.of(), ConfirmationMode.NEVER, List.of(), List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether allow and deny lists let {@code toolName} run at all (confirmation aside). */
  public boolean permits(String toolName) {
    return denial(toolName).isEmpty();
  }

  /** The decision for one call of {@code tool}. */
  public PolicyDecision decide(Tool tool) {
    String name = tool.definition().name();
    Optional<String> denied = denial(name);
    if (denied.isPresent()) {
      return new PolicyDecision.Denied(denied.get());
    }
    if (requireConfirm.stream().anyMatch(p -> p.matches(name))) {
      return new PolicyDecision.NeedsConfirmation(confirmation);
    }
    if (approve.stream().anyMatch(p -> p.matches(name))) {
      return PolicyDecision.ALLOWED;
    }
    boolean needsApproval =
        switch (confirmation) {
          case NEVER -> false;
          case MCP_ONLY -> tool.isMcp();
          case ALWAYS -> true;
        };
    return needsApproval
        ? new PolicyDecision.NeedsConfirmation(confirmation)
        : PolicyDecision.ALLOWED;
  }

  private Optional<String> denial(String name) {
    for (ToolPattern pattern : deny) {
      if (pattern.matches(name)) {
        return Optional.of(
            "tool '" + name + "' is denied by the tool policy (deny pattern '" + pattern + "')");
      }
    }
    if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matches(name))) {
      return Optional.of(
          "tool '"
              + name
              + "' is not in the tool policy's allow list ("
              + allow.stream().map(ToolPattern::pattern).collect(Collectors.joining(", "))
              + ")");
    }
    return Optional.empty();
  }

  /** Builds a {@link ToolPolicy}; patterns are validated as they are added. */
  public static final class Builder {
    private final List<ToolPattern> allow = new ArrayList<>();
    private final List<ToolPattern> deny = new ArrayList<>();
    private final List<ToolPattern> approve = new ArrayList<>();
    private final List<ToolPattern> requireConfirm = new ArrayList<>();
    private ConfirmationMode confirmation = ConfirmationMode.NEVER;

    private Builder() {}

    public Builder allow(String... patterns) {
      return add(allow, patterns);
    }

    public Builder allow(List<String> patterns) {
      return add(allow, patterns.toArray(String[]::new));
    }

    public Builder deny(String... patterns) {
      return add(deny, patterns);
    }

    public Builder deny(List<String> patterns) {
      return add(deny, patterns.toArray(String[]::new));
    }

    public Builder approve(String... patterns) {
      return add(approve, patterns);
    }

    public Builder approve(List<String> patterns) {
      return add(approve, patterns.toArray(String[]::new));
    }

    public Builder requireConfirm(String... patterns) {
      return add(requireConfirm, patterns);
    }

    public Builder requireConfirm(List<String> patterns) {
      return add(requireConfirm, patterns.toArray(String[]::new));
    }

    public Builder confirmation(ConfirmationMode mode) {
      this.confirmation = Objects.requireNonNull(mode, "confirmation");
      return this;
    }

    public ToolPolicy build() {
      return new ToolPolicy(allow, deny, confirmation, approve, requireConfirm);
    }

    private Builder add(List<ToolPattern> target, String... patterns) {
      for (String p : patterns) {
        target.add(new ToolPattern(p == null ? "" : p.strip()));
      }
      return this;
    }
  }
}
