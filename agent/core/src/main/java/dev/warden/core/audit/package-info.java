/**
 * The audit log: every decision, vote, refusal, expiry and execution result, appended to a hash
 * chain. Each entry carries the hash of the one before it, so an edited, deleted or reordered entry
 * breaks the chain at the first bad entry, which {@link dev.warden.core.audit.AuditChain#verify}
 * names. Owns the {@link dev.warden.core.audit.AuditLog} port, which the application persists. Uses
 * {@code action} for its SHA-256 of text.
 */
package dev.warden.core.audit;
