/**
 * Approval requests in chat: the message that asks for approval ({@link
 * dev.warden.core.chat.approval.ApprovalMessage}, what it shows and how untrusted text is made safe
 * for it), where each request's message is ({@link
 * dev.warden.core.chat.approval.ApprovalMessageStore}), and {@link
 * dev.warden.core.chat.approval.ApprovalMessages}, which posts and updates the messages as the gate
 * reports and turns the Approve, Deny and Details buttons into calls to the gate. Deciding who may
 * vote stays with the gate. May use {@code chat}, {@code gate}, {@code approval}, {@code action},
 * {@code policy} and {@code redact}.
 */
package dev.warden.core.chat.approval;
