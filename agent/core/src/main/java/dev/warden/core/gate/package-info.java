/**
 * The gate: the one path from a proposed action to its execution. {@link
 * dev.warden.core.gate.ActionGate} asks the policy engine, records the decision in the audit log,
 * and then runs the action (autonomous), opens an approval request (approve-first), suggests it
 * (passive) or refuses it (deny). Votes on requests come back through it, and only it can issue a
 * {@link dev.warden.core.gate.Permit}, the one thing an {@link dev.warden.core.gate.ActionExecutor}
 * accepts. May use {@code action}, {@code policy}, {@code approval} and {@code audit}.
 */
package dev.warden.core.gate;
