/**
 * The audit log in the database ({@link dev.warden.app.audit.JdbcAuditLog}): the hash chain of
 * every decision, vote, refusal, expiry and execution, appended one at a time across threads and
 * replicas. Implements the core's {@code audit} port and uses nothing else of the application.
 */
package dev.warden.app.audit;
