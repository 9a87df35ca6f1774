package dev.warden.core.chat.approval;

import dev.warden.core.chat.Mrkdwn;
import dev.warden.core.redact.Redactor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text for the chat's light markup. Untrusted text (alert labels, parameters, dry-run output) is
 * redacted, then neutralised (a backtick could close a code span; {@code @channel} and the like
 * could notify everyone), then escaped ({@code &}, {@code <}, {@code >}, which is all the markup
 * needs to stop {@code <!channel>}, {@code <@U..>} and links), and only then shortened, so that a
 * cut never splits a secret the redactor would have found nor an escape. The mentions and dates
 * Warden writes itself are built here from identifiers that are checked first.
 */
final class ChatText {
  /** Slack's limit on the text of one section or context element. */
  static final int SECTION_LIMIT = 3000;

  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
  private static final Pattern USER_GROUP_ID = Pattern.compile("S[A-Z0-9]{2,30}");
  private static final String SLACK_GROUP = "slack-group:";
  private static final String GITHUB_TEAM = "github-team:";
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Redactor redactor;

  ChatText(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Untrusted text as safe markup of at most {@code max} characters. */
  String plain(String raw, int max) {
    return shorten(safe(raw), max);
  }

  /** Untrusted text on one line, in a code span, of at most {@code max} characters in all. */
  String code(String raw, int max) {
    // redacted before the line breaks go, so that the redactor sees the text as it was
    return "`" + shorten(markup(oneLine(redact(raw))), max - 2) + "`";
  }

  /** Untrusted text as safe markup, whatever its length. */
  String safe(String raw) {
    return markup(redact(raw));
  }

  /** The redacted text, for anything else that leaves the process (our own texts, a last pass). */
  String redact(String text) {
    return redactor.redact(text).text();
  }

  /**
   * A person, as a mention when the id is a chat user id; anything else is shown as text. A mention
   * of an approver or requester is wanted: it is how they learn that they are asked.
   */
  String user(String userId) {
    return USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : code(userId, 80);
  }

  /**
   * An approver reference of the policy files: a user id, a Slack user group ({@code
   * slack-group:S..}, shown as the group's mention), a GitHub team, or anything else as text.
   */
  String approver(String reference) {
    if (reference.startsWith(SLACK_GROUP)) {
      String group = reference.substring(SLACK_GROUP.length());
      return USER_GROUP_ID.matcher(group).matches()
          ? "<!subteam^" + group + ">"
          : code(reference, 120);
    }
    if (reference.startsWith(GITHUB_TEAM)) {
      return "GitHub team " + code(reference.substring(GITHUB_TEAM.length()), 120);
    }
    return user(reference);
  }

  /** A time the reader's chat client shows in their own time zone, with UTC as the fallback. */
  static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + UTC.format(at) + ">";
  }

  /** A time in UTC, for the plain text where dates are not rendered. */
  static String utc(Instant at) {
    return UTC.format(at);
  }

  /**
   * Markup cut to at most {@code max} characters, ending in an ellipsis when cut; never inside an
   * escape ({@code &amp;}) or a surrogate pair.
   */
  static String shorten(String text, int max) {
    return Mrkdwn.shorten(text, max);
  }

  /** Markup already made safe, in a code block of at most {@code max} characters in all. */
  static String codeBlock(String safe, int max) {
    String open = "```\n";
    String close = "\n```";
    return open + shorten(safe, max - open.length() - close.length()) + close;
  }

  /**
   * Markup already made safe, cut into pieces of at most {@code size} characters, at line ends
   * where there are some; at most {@code most} pieces, the last one ending in an ellipsis when the
   * text was longer.
   */
  static List<String> pieces(String safe, int size, int most) {
    List<String> pieces = new ArrayList<>();
    String rest = safe;
    while (!rest.isEmpty() && pieces.size() < most) {
      String piece = rest.length() <= size ? rest : head(rest, size);
      pieces.add(piece);
      rest = rest.substring(piece.length());
    }
    if (!rest.isEmpty()) {
      int last = pieces.size() - 1;
      pieces.set(last, shorten(pieces.get(last), pieces.get(last).length() - 1));
    }
    return pieces;
  }

  /** At most {@code size} characters from the start, up to a line end where there is one. */
  private static String head(String text, int size) {
    String cut = shorten(text, size + 1);
    cut = cut.substring(0, cut.length() - 1);
    int lineEnd = cut.lastIndexOf('\n');
    if (lineEnd > size / 2) {
      return cut.substring(0, lineEnd + 1);
    }
    return cut.isEmpty() ? text.substring(0, 1) : cut;
  }

  private static String markup(String text) {
    return escape(neutralise(text));
  }

  private static String neutralise(String text) {
    // a modifier letter that looks like a backtick but closes no code span
    return text.replace('`', 'ˋ');
  }

  private static String escape(String text) {
    return Mrkdwn.escape(text);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ⏎ ");
  }
}
