package dev.warden.core.event;

import static dev.warden.core.event.Checks.orEmpty;
import static dev.warden.core.event.Checks.requireNonNull;
import static dev.warden.core.event.Checks.requirePositive;
import static dev.warden.core.event.Checks.requireText;

import java.util.Locale;

/**
 * Someone commented on a pull request, in its conversation or on a line of its diff. The body is
 * untrusted text.
 *
 * @param repository {@code owner/name}
 * @param number the pull request number
 * @param commentId the comment's id at the code host
 * @param placement where the comment sits
 * @param action created, edited or deleted
 * @param author login of the comment's author
 * @param body the comment text (untrusted)
 * @param path the file a line comment is on, empty for conversation comments
 * @param url the comment's page
 */
public record PullRequestCommentEvent(
    String repository,
    int number,
    long commentId,
    Placement placement,
    Action action,
    String author,
    String body,
    String path,
    String url)
    implements Event {

  /** Where a comment sits. */
  public enum Placement {
    CONVERSATION,
    DIFF_LINE
  }

  /** What happened to the comment. */
  public enum Action {
    CREATED,
    EDITED,
    DELETED
  }

  public PullRequestCommentEvent {
    requireText(repository, "repository");
    requirePositive(number, "number");
    requireNonNull(placement, "placement");
    requireNonNull(action, "action");
    author = orEmpty(author);
    body = orEmpty(body);
    path = orEmpty(path);
    url = orEmpty(url);
  }

  @Override
  public String type() {
    String event =
        placement == Placement.CONVERSATION ? "issue_comment" : "pull_request_review_comment";
    return event + "." + action.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String summary() {
    return repository
        + "#"
        + number
        + " comment "
        + action.name().toLowerCase(Locale.ROOT)
        + " by "
        + author;
  }
}
