/**
 * The inbox in the database ({@link dev.warden.app.inbox.JdbcInbox}, on H2 or PostgreSQL through
 * the same Flyway migrations), the worker that drains it, and the {@code events} actuator endpoint
 * that lists it. Uses the core's {@code inbox} and {@code event} packages.
 */
package dev.warden.app.inbox;
