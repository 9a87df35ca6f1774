/**
 * Alert groups in chat: one root message per alert group from the intake, in the channel its labels
 * route to ({@link dev.warden.core.chat.alerts.ChannelRoutes}), updated in place as the group
 * fires, its runbooks run and it resolves, with the details and every change as replies in its
 * thread ({@link dev.warden.core.chat.alerts.AlertThreads}). The {@link
 * dev.warden.core.chat.alerts.AlertThreadStore} port keeps each group's state so that concurrent
 * workers and replicas post one root, never two. Depends on the chat port, the events, the inbox,
 * the runbooks and their runs, and the redactor.
 */
package dev.warden.core.chat.alerts;
