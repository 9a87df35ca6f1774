package dev.warden.core.inbox;

import dev.warden.core.event.Source;
import java.time.Instant;
import java.util.Optional;

/**
 * An inbox entry as a person lists it (no payload).
 *
 * @param id the inbox id
 * @param source the sender
 * @param dedupKey the de-duplication key
 * @param type the event's type, e.g. {@code alert_group.firing}
 * @param summary one line about the event
 * @param state where it is in its life
 * @param attempts how many times processing was started
 * @param receivedAt when it arrived
 * @param nextAttemptAt when it is due next (meaningful while pending or retrying)
 * @param finishedAt when it became done or dead
 * @param lastError the last failure, empty if none
 */
public record InboxItem(
    long id,
    Source source,
    String dedupKey,
    String type,
    String summary,
    State state,
    int attempts,
    Instant receivedAt,
    Instant nextAttemptAt,
    Optional<Instant> finishedAt,
    String lastError) {}
