package dev.warden.app.llm;

import dev.warden.core.definition.Problem;
import dev.warden.core.llm.flags.FlagFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-reads the flag file every {@code warden.llm.flags-reload-interval}, so a feature can be
 * switched off (or the kill switch thrown) without a restart. A broken change is logged and the
 * flags in force stay.
 */
@Component
class FlagFileReloader {
  private static final Logger log = LoggerFactory.getLogger(FlagFileReloader.class);

  private final FlagFile file;

  FlagFileReloader(FlagFile file) {
    this.file = file;
  }

  @Scheduled(
      fixedDelayString = "${warden.llm.flags-reload-interval:5s}",
      initialDelayString = "${warden.llm.flags-reload-interval:5s}")
  void reload() {
    for (Problem problem : file.reloadIfChanged()) {
      if (problem.isError()) {
        log.error("feature flags: {} (the flags in force stay)", problem);
      } else {
        log.warn("feature flags: {}", problem);
      }
    }
  }
}
