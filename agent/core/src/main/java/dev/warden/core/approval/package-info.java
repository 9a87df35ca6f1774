/**
 * Approval requests: an approve-first decision waiting for enough distinct, authorised approvals of
 * the exact action it was made for. Owns the {@link dev.warden.core.approval.ApprovalStore} port
 * (persisted by the application, atomically per vote and per state change), the {@link
 * dev.warden.core.approval.ExpiryScheduler} port (durable timers) and the {@link
 * dev.warden.core.approval.Directory} port (who belongs to which group, asked when someone clicks).
 * The rules about who may vote live in {@link dev.warden.core.gate.ActionGate}. May use {@code
 * action} and {@code policy}.
 */
package dev.warden.core.approval;
