package dev.warden.app.runbook;

import dev.warden.core.runbook.run.RunbookEngine;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules every run that is not over when Warden starts, so that each resumes where it stood: a
 * run cut off by a crash or a restart, and one whose timer a stopping replica had taken on (Quartz
 * hands such a timer back only through cluster recovery, which was seen to leave it stuck).
 * Advancing is idempotent, so a run whose timer was still set is only advanced a little earlier.
 * Costs one query and one timer write per active run at start.
 */
@Component
class RunsOnStart {
  private final RunbookEngine engine;

  RunsOnStart(RunbookEngine engine) {
    this.engine = engine;
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    engine.resumeAll();
  }
}
