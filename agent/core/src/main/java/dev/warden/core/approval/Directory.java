package dev.warden.core.approval;

import java.util.Set;

/**
 * Who belongs to which approver group, asked at the moment someone votes, so that leaving the
 * on-call group takes effect at once. The chat adapter implements it (Slack user groups); GitHub
 * teams come from the code host.
 */
public interface Directory {
  /**
   * The groups the user belongs to, as approver references ({@code slack-group:S0123ABCD}, {@code
   * github-team:acme/sre}).
   */
  Set<String> membershipsOf(String userId);

  /** Knows no groups: only user ids and named groups listing them authorise. */
  Directory NONE = userId -> Set.of();
}
