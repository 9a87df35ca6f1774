package dev.warden.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's vote on a request. Each person votes at most once per request.
 *
 * @param approverId the voter's Slack user id
 * @param approve true to approve, false to deny
 * @param at when
 * @param reason the reason given with a denial
 */
public record Vote(String approverId, boolean approve, Instant at, Optional<String> reason) {
  public Vote {
    Objects.requireNonNull(approverId, "approverId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }
}
