package dev.warden.core.chat.command;

import dev.warden.core.chat.Mrkdwn;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Decision;
import dev.warden.core.redact.Redactor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Puts values from outside (what a person typed, what a cluster, a log or a model said) into the
 * chat's light markup: redacted first, then {@code &}, {@code <} and {@code >} escaped, so that no
 * value can mention a channel ({@code <!channel>}), link or format anything; in code spans,
 * backticks are replaced so that a value cannot close its span.
 */
final class Markup {
  /** Slack user ids: {@code U024BE7LH}, {@code W012A3CDE}. */
  private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,20}");

  /** Slack conversation ids: channels, private channels, direct messages. */
  private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,20}");

  /** The longest value shown in a code span. */
  static final int SHORT = 60;

  private final Redactor redactor;

  Markup(Redactor redactor) {
    this.redactor = redactor;
  }

  /** A value from outside, redacted and escaped. */
  String text(String value) {
    return escape(redact(value));
  }

  /** A value from outside as inline code: redacted, on one line, cut to {@value #SHORT}. */
  String code(String value) {
    return code(value, SHORT);
  }

  /** A value from outside as inline code, cut to {@code max} characters. */
  String code(String value, int max) {
    String line = shorten(redact(value).replaceAll("\\s+", " "), max).replace('`', '\'');
    return "`" + escape(line.isBlank() ? " " : line) + "`";
  }

  /** A text from outside as a code block, which keeps its lines and shows no markup. */
  String block(String value) {
    return "```\n" + escape(redact(value).replace("```", "'''").stripTrailing()) + "\n```";
  }

  /** A text from outside as quoted lines ({@code > ...}). */
  String quote(String value) {
    StringBuilder quoted = new StringBuilder();
    for (String line : text(value).split("\n", -1)) {
      quoted.append(quoted.length() == 0 ? "" : "\n").append(line.isBlank() ? ">" : "> " + line);
    }
    return quoted.toString();
  }

  /** A decision's level and rule: {@code *approve-first* (rule `prod-changes`)}. */
  String decided(Decision decision) {
    return "*"
        + decision.level().wireName()
        + "*"
        + decision.rule().map(rule -> " (rule " + code(rule) + ")").orElse("");
  }

  /** Who must approve: {@code 2 of @sre within 30 min}. */
  String approvals(ApprovalRequirement requirement) {
    return requirement.min()
        + " of "
        + text(String.join(", ", requirement.approvers()))
        + " within "
        + requirement.ttl().toMinutes()
        + " min";
  }

  /** A mention of the user when the id looks like one; else the id as code. */
  String user(String userId) {
    return USER.matcher(userId).matches() ? "<@" + userId + ">" : code(userId);
  }

  /** A link to the channel when the id looks like one; else the id as code. */
  String channel(String channelId) {
    return CHANNEL.matcher(channelId).matches() ? "<#" + channelId + ">" : code(channelId);
  }

  /** The redacted text, for a whole message composed of escaped parts. */
  String redact(String text) {
    return redactor.redact(text == null ? "" : text).text();
  }

  /** Outside text as plain text in the chat's markup ({@link Mrkdwn#escape}). */
  static String escape(String text) {
    return Mrkdwn.escape(text);
  }

  /** A time, to the second, in UTC: {@code 2026-11-27T12:00:00Z}. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The text cut to {@code max} characters, an ellipsis marking the cut. */
  static String shorten(String text, int max) {
    return Mrkdwn.shorten(text, max);
  }
}
