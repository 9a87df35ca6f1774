package dev.warden.core.chat.command;

import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.GlobalFreeze;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code status}: the integrations, the LLM mode, the freeze switch, the pending approvals. */
final class StatusCommand {
  private final List<Integration> integrations;
  private final LlmGateway llm;
  private final FreezeSwitch freezeSwitch;
  private final ApprovalStore approvals;
  private final ApprovalCommands approvable;
  private final Markup markup;

  StatusCommand(
      List<Integration> integrations,
      LlmGateway llm,
      FreezeSwitch freezeSwitch,
      ApprovalStore approvals,
      ApprovalCommands approvable,
      Markup markup) {
    this.integrations = List.copyOf(integrations);
    this.llm = llm;
    this.freezeSwitch = freezeSwitch;
    this.approvals = approvals;
    this.approvable = approvable;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    if (!invocation.args().isEmpty()) {
      return invocation.usage(Syntax.STATUS, "`status` takes no arguments.");
    }
    StringBuilder text = new StringBuilder("*Warden status*\n*Integrations*");
    if (integrations.isEmpty()) {
      text.append("\n• none configured");
    }
    for (Integration integration : integrations) {
      Availability availability = integration.availability();
      text.append("\n• ")
          .append(markup.text(integration.name()))
          .append(availability.enabled() ? ": enabled – " : ": *disabled* – ")
          .append(markup.text(availability.detail()));
    }
    text.append("\n*LLM*: ").append(llm());
    text.append("\n*Global freeze*: ").append(freeze());
    int pending = approvals.pending().size();
    text.append("\n*Pending approvals*: ").append(pending);
    if (pending > 0) {
      text.append(" (")
          .append(approvable.approvableBy(invocation.userId()).size())
          .append(" for you: `")
          .append(Markup.escape(invocation.command()).replace('`', '\''))
          .append(" approvals`)");
    }
    return Answer.now(text.toString());
  }

  private String llm() {
    if (!llm.modelConfigured()) {
      return "no model configured: answers are the deterministic analysis only";
    }
    StringBuilder line = new StringBuilder("models from ");
    List<String> providers = llm.providers().stream().sorted().toList();
    for (int i = 0; i < providers.size(); i++) {
      String provider = providers.get(i);
      CircuitBreaker.State circuit = llm.circuit(provider);
      line.append(i == 0 ? "" : ", ")
          .append(markup.text(provider))
          .append(
              circuit == CircuitBreaker.State.CLOSED
                  ? ""
                  : " (circuit " + circuit.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    }
    return line.toString();
  }

  private String freeze() {
    Optional<GlobalFreeze> freeze = freezeSwitch.current();
    if (freeze.isEmpty()) {
      return "off";
    }
    return "*on* since "
        + Markup.time(freeze.get().since())
        + ", by "
        + markup.user(freeze.get().by())
        + ": "
        + markup.text(freeze.get().reason());
  }
}
