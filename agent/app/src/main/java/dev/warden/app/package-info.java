/**
 * The Warden application: the Spring Boot wiring of the core and the adapters, and the entry point
 * that runs either the server ({@code warden serve}) or a command-line command. Features live in
 * the sub-packages: {@code intake} (webhook HTTP), {@code inbox} (storage and processing), {@code
 * policy} (the policies in force, the freeze switch and the gate's wiring), {@code approval}
 * (approval requests and their expiry timers), {@code audit} (the hash-chained audit log), {@code
 * health} (integration status), {@code cli} (commands). Flyway's Java migrations live in {@code
 * db.migration}.
 */
package dev.warden.app;
