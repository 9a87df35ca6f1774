package dev.warden.core.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who must approve an approve-first action, how many of them, and for how long the request stands.
 *
 * @param approvers references: a Slack user id ({@code U024BE7LH}), a Slack user group ({@code
 *     slack-group:S0123ABCD}), a GitHub team ({@code github-team:acme/sre}), or a named group of
 *     the policy files ({@code @sre-oncall})
 * @param min the number of distinct approvers needed, at least 1
 * @param ttl how long the request may wait before it expires
 */
public record ApprovalRequirement(List<String> approvers, int min, Duration ttl) {
  /** The longest a request may wait: a week. */
  public static final Duration MAX_TTL = Duration.ofDays(7);

  public ApprovalRequirement {
    approvers = List.copyOf(approvers);
    if (approvers.isEmpty()) {
      throw new IllegalArgumentException("an approval requirement needs at least one approver");
    }
    if (min < 1) {
      throw new IllegalArgumentException("min approvers must be at least 1, not " + min);
    }
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be between 1s and 7d, not " + ttl);
    }
  }

  /** Whether this requirement asks more than {@code other}: more approvers, then a shorter TTL. */
  public boolean stricterThan(ApprovalRequirement other) {
    if (min != other.min) {
      return min > other.min;
    }
    return ttl.compareTo(other.ttl) < 0;
  }
}
