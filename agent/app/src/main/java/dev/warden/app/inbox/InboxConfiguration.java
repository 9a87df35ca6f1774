package dev.warden.app.inbox;

import dev.warden.core.inbox.EventHandler;
import dev.warden.core.inbox.InboxProcessor;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the database inbox, its processor (with every {@link EventHandler} bean) and worker. */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

  @Bean
  JdbcInbox inbox(DataSource dataSource, JsonMapper json) {
    return new JdbcInbox(dataSource, json);
  }

  @Bean
  InboxProcessor inboxProcessor(
      JdbcInbox inbox,
      ObjectProvider<EventHandler> handlers,
      InboxProperties properties,
      Clock clock) {
    var settings =
        new InboxProcessor.Settings(
            properties.maxAttempts(),
            properties.initialBackoff(),
            properties.maxBackoff(),
            properties.lease());
    return new InboxProcessor(inbox, handlers.orderedStream().toList(), settings, clock);
  }

  @Bean
  InboxWorker inboxWorker(InboxProcessor processor, InboxProperties properties) {
    return new InboxWorker(processor, properties);
  }
}
