package dev.warden.app.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How accepted events are processed ({@code warden.inbox.*}).
 *
 * @param maxAttempts processing attempts before an event is dead-lettered
 * @param initialBackoff the delay before the second attempt; it doubles (with jitter) after each
 *     failure
 * @param maxBackoff the longest delay between two attempts
 * @param lease how long a worker holds an event it is processing; after that another worker (or
 *     this one after a restart) takes it over
 * @param pollInterval how often the worker looks for due events when nothing woke it
 * @param batchSize how many events the worker claims at once
 * @param wakeDelay how long the worker waits after a new event before it drains, so that events
 *     arriving together are processed (and written back) as one batch; it delays processing, never
 *     the webhook's answer
 */
@ConfigurationProperties("warden.inbox")
public record InboxProperties(
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("5s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("50ms") Duration wakeDelay) {}
