package dev.warden.core.event;

import static dev.warden.core.event.Checks.orEmpty;
import static dev.warden.core.event.Checks.requireNonNull;
import static dev.warden.core.event.Checks.requirePositive;
import static dev.warden.core.event.Checks.requireText;

import java.util.Locale;

/**
 * A pull request was opened, updated with new commits, edited, closed or reopened.
 *
 * @param repository {@code owner/name}
 * @param number the pull request number
 * @param action what happened
 * @param title the title at the time of the event
 * @param author login of the pull request's author
 * @param headSha the head commit the event refers to
 * @param baseRef the branch it targets
 * @param url the pull request's page
 * @param draft whether it is a draft
 * @param merged whether it was merged (only ever true for {@link Action#CLOSED})
 */
public record PullRequestEvent(
    String repository,
    int number,
    Action action,
    String title,
    String author,
    String headSha,
    String baseRef,
    String url,
    boolean draft,
    boolean merged)
    implements Event {

  /** The pull request changes Warden distinguishes. */
  public enum Action {
    OPENED,
    REOPENED,
    /** New commits were pushed (GitHub's {@code synchronize}). */
    UPDATED,
    EDITED,
    READY_FOR_REVIEW,
    CONVERTED_TO_DRAFT,
    CLOSED
  }

  public PullRequestEvent {
    requireText(repository, "repository");
    requirePositive(number, "number");
    requireNonNull(action, "action");
    title = orEmpty(title);
    author = orEmpty(author);
    headSha = orEmpty(headSha);
    baseRef = orEmpty(baseRef);
    url = orEmpty(url);
  }

  @Override
  public String type() {
    return "pull_request." + action.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String summary() {
    String what =
        action == Action.CLOSED && merged ? "merged" : action.name().toLowerCase(Locale.ROOT);
    return repository + "#" + number + " " + what + ": " + title;
  }
}
