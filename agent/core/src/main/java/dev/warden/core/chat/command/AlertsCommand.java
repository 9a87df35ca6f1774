package dev.warden.core.chat.command;

import dev.warden.core.chat.alerts.OpenAlertGroup;
import java.util.List;

/** {@code alerts}: the open alert groups, each with its thread's channel. */
final class AlertsCommand {
  /** The most groups listed; a message has room for about this many lines. */
  static final int MAX_LISTED = 30;

  private final OpenAlertGroups groups;
  private final Markup markup;

  AlertsCommand(OpenAlertGroups groups, Markup markup) {
    this.groups = groups;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    if (!invocation.args().isEmpty()) {
      return invocation.usage(Syntax.ALERTS, "`alerts` takes no arguments.");
    }
    List<OpenAlertGroup> open = groups.open();
    if (open.isEmpty()) {
      return Answer.now("No open alert groups.");
    }
    StringBuilder text = new StringBuilder("*Open alert groups* (").append(open.size()).append(')');
    for (OpenAlertGroup group : open.subList(0, Math.min(MAX_LISTED, open.size()))) {
      text.append("\n• *")
          .append(markup.text(String.join(", ", group.alertNames())))
          .append("* – ")
          .append(group.firing())
          .append(" firing, ")
          .append(group.resolved())
          .append(" resolved, since ")
          .append(Markup.time(group.since()))
          .append(", in ")
          .append(markup.channel(group.root().channel()));
    }
    if (open.size() > MAX_LISTED) {
      text.append("\n… and ").append(open.size() - MAX_LISTED).append(" more");
    }
    return Answer.now(text.toString());
  }
}
