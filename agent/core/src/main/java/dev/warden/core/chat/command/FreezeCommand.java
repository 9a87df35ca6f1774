package dev.warden.core.chat.command;

import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.policy.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code freeze on|off [reason]}: proposes {@code warden.freeze} to the gate as the person, so the
 * policies decide whether it runs at once, waits for approval, or is only suggested. A switched
 * freeze is told to the channel; anything else only to the person.
 */
final class FreezeCommand {
  private final ActionGate gate;
  private final Markup markup;

  FreezeCommand(ActionGate gate, Markup markup) {
    this.gate = gate;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.isEmpty()) {
      return invocation.usage(Syntax.FREEZE, "`freeze` needs `on` or `off`.");
    }
    String onOff = args.get(0).toLowerCase(Locale.ROOT);
    if (!onOff.equals("on") && !onOff.equals("off")) {
      return invocation.usage(
          Syntax.FREEZE, "`freeze` needs `on` or `off`, not " + markup.code(args.get(0)) + ".");
    }
    boolean on = onOff.equals("on");
    String reason = Arguments.reason(args.subList(1, args.size()));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("on", on);
    if (!reason.isEmpty()) {
      parameters.put("reason", reason);
    }
    ProposedAction action =
        new ProposedAction(
            ActionKinds.FREEZE,
            Target.none(),
            parameters,
            Map.of(),
            Requester.person(invocation.userId()),
            Optional.empty(),
            false);
    String user = markup.user(invocation.userId());
    String command = invocation.command();
    return Answer.later(
        "freeze " + onOff, () -> answer(gate.submit(action), on, reason, user, command));
  }

  private Optional<Answer.Reply> answer(
      GateOutcome outcome, boolean on, String reason, String user, String command) {
    String switching = "Switching the global freeze " + (on ? "on" : "off");
    if (outcome instanceof GateOutcome.Executed executed) {
      ExecutionResult result = executed.result();
      if (!result.succeeded()) {
        return Answer.Reply.ephemeral(switching + " failed: " + markup.text(result.summary()));
      }
      return Answer.Reply.inChannel(
          user
              + " switched the global change freeze *"
              + (on ? "on" : "off")
              + "*"
              + (reason.isEmpty() ? "." : ": " + markup.text(reason) + ".")
              + (on ? " Warden runs no change until it is off." : ""));
    }
    if (outcome instanceof GateOutcome.AwaitingApproval awaiting) {
      ApprovalRequest request = awaiting.request();
      return Answer.Reply.ephemeral(
          switching
              + " needs approval"
              + awaiting
                  .decision()
                  .rule()
                  .map(rule -> " (rule " + markup.code(rule) + ")")
                  .orElse("")
              + ": request `"
              + request.id()
              + "`, "
              + markup.approvals(request.requirement())
              + ". They approve with `"
              + Markup.escape(command + " approve " + request.id()).replace('`', '\'')
              + "`.");
    }
    if (outcome instanceof GateOutcome.Suggested suggested) {
      return Answer.Reply.ephemeral(
          switching
              + " is only suggested by the policies (passive); nothing changed."
              + why(suggested.decision()));
    }
    return Answer.Reply.ephemeral(
        switching + " is refused by the policies; nothing changed." + why(outcome.decision()));
  }

  private String why(Decision decision) {
    StringBuilder why = new StringBuilder();
    decision.rule().ifPresent(rule -> why.append(" Rule ").append(markup.code(rule)).append('.'));
    decision.reasons().forEach(reason -> why.append("\nWhy: ").append(markup.text(reason)));
    return why.toString();
  }
}
