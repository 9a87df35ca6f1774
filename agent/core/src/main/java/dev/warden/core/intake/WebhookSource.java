package dev.warden.core.intake;

import dev.warden.core.event.Source;
import dev.warden.core.integration.Integration;

/**
 * The port a sender's adapter implements: how its deliveries are authenticated and what they mean.
 * Implementations are stateless apart from configuration and safe to call from many threads.
 */
public interface WebhookSource extends Integration {

  /** The sender this adapter understands. */
  Source source();

  @Override
  default String name() {
    return source().id();
  }

  /**
   * Checks the signature or credential of a delivery. Only called while {@link #availability()} is
   * enabled. Never throws for bad input: a missing or malformed header is a rejection.
   */
  Authentication authenticate(Delivery delivery);

  /**
   * Parses an authentic delivery into an event (or a ping).
   *
   * @throws MalformedPayloadException if the body is not JSON or not the sender's shape
   */
  Decoded decode(Delivery delivery);
}
