/**
 * The Slack adapter, on Slack's Bolt for Java. {@link dev.warden.integrations.slack.SlackSurface}
 * implements the core's {@link dev.warden.core.chat.ChatSurface} over the Web API, paced per method
 * at {@link dev.warden.integrations.slack.SlackLimits} and retried after 429s; {@link
 * dev.warden.integrations.slack.SlackEvents} answers what Slack sends to {@code /slack/events}
 * (Events API, slash commands, interactivity), verified with the signing secret, and {@link
 * dev.warden.integrations.slack.SlackSocketMode} receives the same over Socket Mode; both hand
 * commands, clicks and mentions to the core's {@link dev.warden.core.chat.ChatInteractions}. {@link
 * dev.warden.integrations.slack.SlackDirectory} implements the core's {@link
 * dev.warden.core.approval.Directory} with Slack user groups and an e-mail to GitHub login map.
 * Bolt's types never leave this package. May use {@code dev.warden.core} only.
 */
package dev.warden.integrations.slack;
