package dev.warden.core.intake;

import dev.warden.core.event.Event;
import java.util.Objects;

/** What an authentic, well-formed delivery turned out to be. */
public sealed interface Decoded {

  /**
   * An event to store and process.
   *
   * @param dedupKey identifies the delivery across redeliveries; a second delivery with the same
   *     key (from the same source) is a duplicate and is processed at most once
   * @param event the normalised event
   */
  record Delivered(String dedupKey, Event event) implements Decoded {
    public Delivered {
      if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > 200) {
        throw new IllegalArgumentException(
            "dedupKey must be 1 to 200 characters, was "
                + (dedupKey == null ? null : dedupKey.length()));
      }
      Objects.requireNonNull(event, "event");
    }
  }

  /** A sender's connectivity test (GitHub {@code ping}, PagerDuty {@code pagey.ping}). */
  record Ping(String reply) implements Decoded {}
}
