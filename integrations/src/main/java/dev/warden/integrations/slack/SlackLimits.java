package dev.warden.integrations.slack;

import java.time.Duration;

/**
 * How fast Warden calls each Slack Web API method: a little below the limits Slack publishes, so
 * that Slack rarely has to answer 429. A call over its rate waits for its turn, up to {@link
 * #maxWait()}; a longer wait fails the call with {@code ratelimited} instead of holding the caller.
 * Slack counts per app and workspace, and {@code chat.postMessage} also per channel, so its rate is
 * per channel here.
 *
 * <p>The defaults count half of Slack's per-minute allowance in windows of 30 seconds: a limiter
 * refills in whole periods, so a window of a minute would let a minute's allowance go out at the
 * end of one minute and again at the start of the next, a burst larger than Slack tolerates;
 * shorter windows would make a vote on a cold {@link SlackDirectory} wait for its user groups.
 *
 * @param postMessage {@code chat.postMessage}, per channel: Slack allows about one message a second
 *     in a channel, with short bursts; default 3 per 3 s
 * @param update {@code chat.update} (Slack's tier 3, 50+ a minute); default 25 per 30 s
 * @param postEphemeral {@code chat.postEphemeral} (tier 3); default 25 per 30 s
 * @param userGroupMembers {@code usergroups.users.list} (tier 2, 20+ a minute); default 10 per 30 s
 * @param userInfo {@code users.info} (tier 4, 100+ a minute); default 50 per 30 s
 * @param maxWait the longest a call waits for its turn; default 10 s
 */
public record SlackLimits(
    Rate postMessage,
    Rate update,
    Rate postEphemeral,
    Rate userGroupMembers,
    Rate userInfo,
    Duration maxWait) {

  /** The defaults, each a little below Slack's published limit. */
  public static final SlackLimits DEFAULTS =
      new SlackLimits(
          new Rate(3, Duration.ofSeconds(3)),
          new Rate(25, Duration.ofSeconds(30)),
          new Rate(25, Duration.ofSeconds(30)),
          new Rate(10, Duration.ofSeconds(30)),
          new Rate(50, Duration.ofSeconds(30)),
          Duration.ofSeconds(10));

  /** Any component left {@code null} takes its default. */
  public SlackLimits {
    postMessage = postMessage != null ? postMessage : DEFAULTS.postMessage;
    update = update != null ? update : DEFAULTS.update;
    postEphemeral = postEphemeral != null ? postEphemeral : DEFAULTS.postEphemeral;
    userGroupMembers = userGroupMembers != null ? userGroupMembers : DEFAULTS.userGroupMembers;
    userInfo = userInfo != null ? userInfo : DEFAULTS.userInfo;
    maxWait = maxWait != null ? maxWait : DEFAULTS.maxWait;
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("warden.slack.limits.max-wait must not be negative");
    }
  }

  /** The rate of one Web API method, or {@code null} for a method Warden does not pace. */
  Rate of(String method) {
    switch (method) {
      case "chat.postMessage":
        return postMessage;
      case "chat.update":
        return update;
      case "chat.postEphemeral":
        return postEphemeral;
      case "usergroups.users.list":
        return userGroupMembers;
      case "users.info":
        return userInfo;
      default:
        return null;
    }
  }

  /**
   * At most {@code calls} calls in every {@code per}.
   *
   * @param calls how many calls, at least 1
   * @param per in how long, positive
   */
  public record Rate(int calls, Duration per) {
    public Rate {
      if (calls < 1) {
        throw new IllegalArgumentException("a Slack rate needs at least 1 call, not " + calls);
      }
      if (per == null || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("a Slack rate needs a positive period, not " + per);
      }
    }

    @Override
    public String toString() {
      return calls + " per " + per;
    }
  }
}
