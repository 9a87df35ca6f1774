package dev.warden.app.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuartzTimesTest {

  @Test
  void setsTheTriggerSoThatItNeverFiresBeforeTheInstant() {
    // Quartz counts whole milliseconds and fires up to 2 ms early
    assertThat(QuartzTimes.fireTime(Instant.parse("2026-11-27T10:00:00.123000001Z")))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.126Z"));
    assertThat(QuartzTimes.fireTime(Instant.parse("2026-11-27T10:00:00.123Z")))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.125Z"));
  }
}
