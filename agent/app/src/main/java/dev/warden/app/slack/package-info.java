/**
 * Slack in the application: {@code warden.slack.*} ({@link dev.warden.app.slack.SlackProperties}),
 * the {@code slack} integration's health line, and {@code POST /slack/events}, which hands Slack's
 * signed requests to the adapter's {@link dev.warden.integrations.slack.SlackEvents} and sends its
 * answer back.
 */
package dev.warden.app.slack;
