package dev.warden.app.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuartzExpirySchedulerTest {

  @Test
  void setsTheTriggerSoThatItNeverFiresBeforeTheExpiry() {
    // Quartz counts whole milliseconds and fires up to 2 ms early
    assertThat(QuartzExpiryScheduler.fireTime(Instant.parse("2026-11-27T10:00:00.123000001Z")))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.126Z"));
    assertThat(QuartzExpiryScheduler.fireTime(Instant.parse("2026-11-27T10:00:00.123Z")))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.125Z"));
  }
}
