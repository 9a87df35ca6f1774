/**
 * The Slack adapter, on Slack's Bolt for Java: {@link dev.warden.integrations.slack.SlackSurface}
 * implements the core's {@link dev.warden.core.chat.ChatSurface} over the Web API, and {@link
 * dev.warden.integrations.slack.SlackEvents} answers what Slack sends to {@code /slack/events}
 * (Events API, slash commands, interactivity), verified with the signing secret. Bolt's types never
 * leave this package. May use {@code dev.warden.core} only.
 */
package dev.warden.integrations.slack;
