/**
 * Chat in the application: the stores of the core's chat features, where each approval request's
 * message is ({@link dev.warden.app.chat.JdbcApprovalMessageStore}) and each alert group's thread
 * ({@link dev.warden.app.chat.JdbcAlertThreadStore}). Implements the core's {@code chat} ports;
 * uses Spring JDBC and nothing else of the application. The beans are wired with Slack's, in {@code
 * dev.warden.app.slack}.
 */
package dev.warden.app.chat;
