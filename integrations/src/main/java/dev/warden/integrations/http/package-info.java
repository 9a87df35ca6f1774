/**
 * The {@code http.check} runbook step: one GET against a URL whose host is on an allow-list held in
 * configuration only, so that a URL taken from an alert, a runbook parameter or a model's answer
 * can never make Warden reach a host nobody listed (no server-side request forgery). It reports the
 * status, the time taken and, on request, the server's TLS certificate; it never returns a response
 * body. Uses the JDK's {@code java.net.http} client and Resilience4j's retry. May use {@code
 * dev.warden.core} only.
 */
package dev.warden.integrations.http;
