package dev.warden.core.inbox;

import dev.warden.core.event.Event;
import dev.warden.core.event.Source;
import java.time.Instant;

/**
 * An inbox entry claimed for processing: what a {@link EventHandler} receives.
 *
 * @param id the inbox id
 * @param source the sender
 * @param dedupKey the de-duplication key it was stored under
 * @param event the normalised event
 * @param attempt which attempt this is, from 1
 * @param receivedAt when it arrived
 */
public record ReceivedEvent(
    long id, Source source, String dedupKey, Event event, int attempt, Instant receivedAt) {}
