package dev.warden.core.chat.command;

/** Every command with its arguments and what it does: the help text and each usage message. */
enum Syntax {
  HELP("help", "this list"),
  STATUS("status", "integrations, LLM mode, the freeze switch and pending approvals"),
  ALERTS("alerts", "the open alert groups"),
  RUNBOOK_LIST("runbook list", "the runbooks"),
  RUNBOOK_PLAN(
      "runbook plan <name> [label=value ...] [annotations.name=value ...]",
      "what a run for an alert with these labels would do, each step as the policies decide it;"
          + " runs nothing"),
  RUNBOOK_RUN(
      "runbook run <name> [label=value ...] [annotations.name=value ...]",
      "start a run as you; its steps go through the policies, and someone else approves them"),
  APPROVALS("approvals", "the pending approval requests you may approve now"),
  APPROVE("approve <id>", "approve a request"),
  DENY("deny <id> [reason]", "deny a request; one denial ends it"),
  POLICY_EXPLAIN(
      "policy explain <action kind> [namespace]", "how the policies decide that action if you ask"),
  FREEZE(
      "freeze on|off [reason]",
      "switch the global change freeze; the policies decide whether it needs approval"),
  USAGE("usage", "the LLM calls and their cost today (UTC)"),
  SUMMARIZE("summarize <namespace>/<pod>", "a summary of the pod's recent logs");

  private final String arguments;
  private final String description;

  Syntax(String arguments, String description) {
    this.arguments = arguments;
    this.description = description;
  }

  /** {@code `/warden deny <id> [reason]` – deny a request; ...}, with the command's name. */
  String line(String command) {
    return "`"
        + Markup.escape(command + " " + arguments).replace('`', '\'')
        + "` – "
        + Markup.escape(description);
  }

  /** The usage message for a command typed wrong: what was wrong, then how to type it. */
  String usage(String command, String problem) {
    return problem + "\nUsage: " + line(command);
  }
}
