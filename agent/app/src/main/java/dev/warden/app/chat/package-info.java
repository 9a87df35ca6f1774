/**
 * Chat in the application: the stores of the core's chat features, such as where each approval
 * request's message is ({@link dev.warden.app.chat.JdbcApprovalMessageStore}), and their wiring.
 * Implements the core's {@code chat} ports; uses Spring JDBC and nothing else of the application.
 */
package dev.warden.app.chat;
