package dev.warden.core.chat;

/**
 * The action ids of Warden's buttons. A click carries one back, with the button's value; whoever
 * posts a button and whoever handles its click agree through these.
 */
public final class ChatActions {
  /** Approve an approval request; value: the request id. */
  public static final String APPROVE = "approval.approve";

  /** Deny an approval request; value: the request id. */
  public static final String DENY = "approval.deny";

  /** Show an approval request's full action and preview to the clicking person; value: its id. */
  public static final String DETAILS = "approval.details";

  /** Plan a runbook for an alert group's alerts; value: {@code <thread id> <runbook name>}. */
  public static final String RUNBOOK_PLAN = "runbook.plan";

  /** Run a runbook for an alert group's alerts; value: {@code <thread id> <runbook name>}. */
  public static final String RUNBOOK_RUN = "runbook.run";

  private ChatActions() {}
}
