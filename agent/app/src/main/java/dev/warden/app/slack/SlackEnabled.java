package dev.warden.app.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code warden.slack.bot-token} is set (and not blank): without it Warden does not talk to
 * Slack at all.
 */
class SlackEnabled implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return isSet(context, "warden.slack.bot-token");
  }

  /** Socket Mode: a bot token and an app token ({@code warden.slack.app-token}). */
  static class SocketMode implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return isSet(context, "warden.slack.bot-token") && isSet(context, "warden.slack.app-token");
    }
  }

  private static boolean isSet(ConditionContext context, String property) {
    String value = context.getEnvironment().getProperty(property);
    return value != null && !value.isBlank();
  }
}
