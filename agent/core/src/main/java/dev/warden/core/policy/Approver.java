package dev.warden.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * A person clicking approve or deny, as the chat surface identifies them at that moment.
 *
 * @param userId their Slack user id
 * @param memberships what they belong to, as approver references ({@code slack-group:S0123ABCD},
 *     {@code github-team:acme/sre}), resolved when they click
 */
public record Approver(String userId, Set<String> memberships) {
  public Approver {
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("approver user id must not be blank");
    }
    memberships = Set.copyOf(memberships);
  }
}
