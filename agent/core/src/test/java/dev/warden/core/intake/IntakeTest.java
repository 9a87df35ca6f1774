package dev.warden.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.Source;
import dev.warden.core.intake.IntakeOutcome.Accepted;
import dev.warden.core.intake.IntakeOutcome.Duplicate;
import dev.warden.core.intake.IntakeOutcome.Malformed;
import dev.warden.core.intake.IntakeOutcome.Pong;
import dev.warden.core.intake.IntakeOutcome.Unauthenticated;
import dev.warden.core.intake.IntakeOutcome.Unavailable;
import dev.warden.core.integration.Availability;
import dev.warden.core.testing.InMemoryInbox;
import dev.warden.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IntakeTest {
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final AtomicInteger wakeUps = new AtomicInteger();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

  /** A source whose deliveries carry their key in a header and are authentic with "ok". */
  private static final class HeaderSource implements WebhookSource {
    boolean configured = true;

    @Override
    public Source source() {
      return Source.GRAFANA;
    }

    @Override
    public Availability availability() {
      return configured ? Availability.enabled("test") : Availability.disabled("no test.secret");
    }

    @Override
    public Authentication authenticate(Delivery delivery) {
      return delivery.headers().get("Auth").filter("ok"::equals).isPresent()
          ? Authentication.authentic()
          : Authentication.rejected("bad auth");
    }

    @Override
    public Decoded decode(Delivery delivery) {
      String body = new String(delivery.body(), StandardCharsets.UTF_8);
      if (body.equals("ping")) {
        return new Decoded.Ping("pong");
      }
      if (!body.startsWith("{")) {
        throw new MalformedPayloadException("not JSON", List.of("$: expected an object"));
      }
      return new Decoded.Delivered(
          delivery.headers().get("Key").orElseThrow(), new OtherEvent("test", body));
    }
  }

  private final HeaderSource source = new HeaderSource();
  private final Intake intake = new Intake(List.of(source), inbox, wakeUps::incrementAndGet, clock);

  private static Delivery delivery(String auth, String key, String body) {
    return new Delivery(
        Source.GRAFANA,
        Headers.of(Map.of("auth", auth, "key", key)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void storesAnAuthenticWellFormedDeliveryAndWakesTheWorker() {
    IntakeOutcome outcome = intake.receive(delivery("ok", "k1", "{}"));

    assertThat(outcome).isInstanceOf(Accepted.class);
    long id = ((Accepted) outcome).inboxId();
    assertThat(inbox.row(id).entry.dedupKey()).isEqualTo("k1");
    assertThat(inbox.row(id).entry.receivedAt()).isEqualTo(clock.instant());
    assertThat(wakeUps).hasValue(1);
  }

  @Test
  void aSecondDeliveryWithTheSameKeyIsADuplicateAndWakesNothing() {
    var first = (Accepted) intake.receive(delivery("ok", "k1", "{}"));

    IntakeOutcome second = intake.receive(delivery("ok", "k1", "{\"again\":1}"));

    assertThat(second).isEqualTo(new Duplicate(first.inboxId(), "k1"));
    assertThat(inbox.countByState()).containsEntry(dev.warden.core.inbox.State.PENDING, 1L);
    assertThat(wakeUps).hasValue(1);
  }

  @Test
  void rejectsUnauthenticatedDeliveriesWithoutStoringThem() {
    IntakeOutcome outcome = intake.receive(delivery("nope", "k1", "{}"));

    assertThat(outcome).isEqualTo(new Unauthenticated("bad auth"));
    assertThat(inbox.recent(10, Optional.empty())).isEmpty();
  }

  @Test
  void authenticatesBeforeDecoding() {
    // a malformed body from an unauthenticated caller must not reveal what the parser thinks
    assertThat(intake.receive(delivery("nope", "k1", "garbage")))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void reportsMalformedPayloadsWithTheirProblems() {
    IntakeOutcome outcome = intake.receive(delivery("ok", "k1", "garbage"));

    assertThat(outcome).isEqualTo(new Malformed("not JSON", List.of("$: expected an object")));
    assertThat(inbox.recent(10, Optional.empty())).isEmpty();
  }

  @Test
  void answersPingsWithoutStoringThem() {
    assertThat(intake.receive(delivery("ok", "k1", "ping"))).isEqualTo(new Pong("pong"));
    assertThat(inbox.recent(10, Optional.empty())).isEmpty();
  }

  @Test
  void anUnconfiguredSourceIsUnavailableWhateverItSends() {
    source.configured = false;

    assertThat(intake.receive(delivery("ok", "k1", "{}")))
        .isEqualTo(new Unavailable("no test.secret"));
  }

  @Test
  void aSourceWithoutAdapterIsUnavailable() {
    var github =
        new Delivery(Source.GITHUB, Headers.of(Map.of()), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(intake.receive(github)).isInstanceOf(Unavailable.class);
    assertThat(intake.availability(Source.GITHUB).detail()).contains("no adapter for github");
  }

  @Test
  void refusesTwoAdaptersForOneSource() {
    assertThatThrownBy(
            () -> new Intake(List.of(source, new HeaderSource()), inbox, () -> {}, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two adapters for grafana");
  }
}
