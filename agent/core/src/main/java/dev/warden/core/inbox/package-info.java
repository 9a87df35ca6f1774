/**
 * The durable inbox: every accepted event is stored once (keyed by its source's de-duplication key)
 * before it is acknowledged, then processed asynchronously by the {@link
 * dev.warden.core.inbox.InboxProcessor}, with retries on failure and a dead-letter state after the
 * last attempt. The core owns the {@link dev.warden.core.inbox.Inbox} port; the application stores
 * it in its database. May use {@code event}.
 */
package dev.warden.core.inbox;
