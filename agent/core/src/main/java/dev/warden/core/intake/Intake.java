package dev.warden.core.intake;

import dev.warden.core.event.Source;
import dev.warden.core.inbox.Appended;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxEntry;
import dev.warden.core.intake.Decoded.Delivered;
import dev.warden.core.intake.Decoded.Ping;
import dev.warden.core.intake.IntakeOutcome.Accepted;
import dev.warden.core.intake.IntakeOutcome.Duplicate;
import dev.warden.core.intake.IntakeOutcome.Malformed;
import dev.warden.core.intake.IntakeOutcome.Pong;
import dev.warden.core.intake.IntakeOutcome.Unauthenticated;
import dev.warden.core.intake.IntakeOutcome.Unavailable;
import dev.warden.core.integration.Availability;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a delivery through the same steps whatever its source: the source must be configured, the
 * delivery authentic and well-formed; then the event is stored in the inbox under its
 * de-duplication key, in one atomic step, and only then acknowledged. No processing happens here:
 * {@code newWork} is told, and the inbox worker takes it from there.
 */
public final class Intake {
  private static final Logger log = LoggerFactory.getLogger(Intake.class);

  private final Map<Source, WebhookSource> sources = new EnumMap<>(Source.class);
  private final Inbox inbox;
  private final Runnable newWork;
  private final Clock clock;

  public Intake(
      Collection<? extends WebhookSource> sources, Inbox inbox, Runnable newWork, Clock clock) {
    for (WebhookSource source : sources) {
      WebhookSource previous = this.sources.put(source.source(), source);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two adapters for " + source.source().id() + ": " + previous + " and " + source);
      }
    }
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.newWork = Objects.requireNonNull(newWork, "newWork");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether {@code source} is configured now (checked before reading a body). */
  public Availability availability(Source source) {
    WebhookSource adapter = sources.get(source);
    return adapter == null
        ? Availability.disabled("no adapter for " + source.id() + " is installed")
        : adapter.availability();
  }

  public IntakeOutcome receive(Delivery delivery) {
    Source source = delivery.source();
    Availability availability = availability(source);
    if (!availability.enabled()) {
      return new Unavailable(availability.detail());
    }
    WebhookSource adapter = sources.get(source);
    if (adapter.authenticate(delivery) instanceof Authentication.Rejected rejected) {
      log.warn("delivery rejected source={} reason=\"{}\"", source.id(), rejected.reason());
      return new Unauthenticated(rejected.reason());
    }
    Decoded decoded;
    try {
      decoded = adapter.decode(delivery);
    } catch (MalformedPayloadException e) {
      log.warn(
          "delivery malformed source={} detail=\"{}\" problems={}",
          source.id(),
          e.getMessage(),
          e.problems().size());
      return new Malformed(e.getMessage(), e.problems());
    }
    // Java 17 has no pattern switch; Decoded has exactly these two cases
    if (decoded instanceof Ping ping) {
      return new Pong(ping.reply());
    }
    return store(source, (Delivered) decoded, delivery.body());
  }

  private IntakeOutcome store(Source source, Delivered delivered, byte[] body) {
    Appended appended =
        inbox.append(
            new InboxEntry(source, delivered.dedupKey(), delivered.event(), body, clock.instant()));
    if (!appended.created()) {
      log.info(
          "delivery duplicate source={} key={} id={}",
          source.id(),
          delivered.dedupKey(),
          appended.id());
      return new Duplicate(appended.id(), delivered.dedupKey());
    }
    newWork.run();
    return new Accepted(appended.id(), delivered.dedupKey(), delivered.event().type());
  }
}
