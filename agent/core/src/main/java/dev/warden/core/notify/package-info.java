/**
 * The {@code notify} action: a message for people, redacted and handed to a {@link
 * dev.warden.core.notify.Notifier} (the log until a chat surface is configured). May use {@code
 * gate} and {@code redact}.
 */
package dev.warden.core.notify;
