/**
 * The Warden application: the Spring Boot wiring of the core and the adapters, and the entry point
 * that runs either the server ({@code warden serve}) or a command-line command. Features live in
 * the sub-packages: {@code intake} (webhook HTTP), {@code inbox} (storage and processing), {@code
 * health} (integration status), {@code cli} (commands).
 */
package dev.warden.app;
