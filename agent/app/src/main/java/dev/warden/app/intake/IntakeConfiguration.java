package dev.warden.app.intake;

import dev.warden.app.inbox.InboxWorker;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.intake.Intake;
import dev.warden.core.intake.WebhookSource;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the core intake to every {@link WebhookSource} adapter and the inbox worker. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

  @Bean
  Intake intake(List<WebhookSource> sources, Inbox inbox, InboxWorker worker, Clock clock) {
    return new Intake(sources, inbox, worker::wake, clock);
  }
}
