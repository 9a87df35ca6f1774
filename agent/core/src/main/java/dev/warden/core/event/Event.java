package dev.warden.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One normalised thing that happened in a system Warden watches. Each kind is a record; handlers
 * switch over them exhaustively.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PullRequestEvent.class, name = "pull-request"),
  @JsonSubTypes.Type(value = PullRequestCommentEvent.class, name = "pull-request-comment"),
  @JsonSubTypes.Type(value = AlertGroupEvent.class, name = "alert-group"),
  @JsonSubTypes.Type(value = IncidentEvent.class, name = "incident"),
  @JsonSubTypes.Type(value = OtherEvent.class, name = "other")
})
public sealed interface Event
    permits PullRequestEvent, PullRequestCommentEvent, AlertGroupEvent, IncidentEvent, OtherEvent {

  /** A stable, dotted name of what happened, e.g. {@code pull_request.opened}. */
  String type();

  /** One line for a person scanning a list of events. Built from the event's own fields. */
  String summary();
}
