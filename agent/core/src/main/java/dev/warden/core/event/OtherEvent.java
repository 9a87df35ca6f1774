package dev.warden.core.event;

import static dev.warden.core.event.Checks.orEmpty;
import static dev.warden.core.event.Checks.requireText;

/**
 * An authentic delivery of a kind Warden does not act on yet (a push, a check run, a label change,
 * a service update). It is recorded so that nothing a sender delivered is lost, and marked done.
 *
 * @param type the sender's name for it, e.g. {@code push} or {@code pull_request.labeled}
 * @param summary one line naming what it was about
 */
public record OtherEvent(String type, String summary) implements Event {

  public OtherEvent {
    requireText(type, "type");
    summary = orEmpty(summary);
  }
}
