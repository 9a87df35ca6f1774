/**
 * The GitHub adapter: authenticates webhook deliveries ({@code X-Hub-Signature-256}) and turns pull
 * request and comment payloads, parsed offline with the Kohsuke github-api, into core events.
 * GitHub types never leave this package. May use {@code dev.warden.core} only.
 */
package dev.warden.integrations.github;
