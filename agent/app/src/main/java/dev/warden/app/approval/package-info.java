/**
 * Approval requests in the database ({@link dev.warden.app.approval.JdbcApprovalStore}) and their
 * durable expiry timers as Quartz jobs ({@link dev.warden.app.approval.QuartzExpiryScheduler}),
 * which call the gate's {@code expire} when a request's TTL runs out, also after a restart and on
 * one replica of several. Implements the core's {@code approval} ports; uses the core's {@code
 * gate} and {@code action}, Quartz and Spring JDBC, and nothing else of the application.
 */
package dev.warden.app.approval;
