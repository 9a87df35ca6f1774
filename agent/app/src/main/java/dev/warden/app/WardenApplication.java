package dev.warden.app;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Warden server: core services, adapters from {@code integrations}, persistence, HTTP. */
@SpringBootApplication(scanBasePackages = "dev.warden")
@ConfigurationPropertiesScan("dev.warden")
@EnableScheduling
public class WardenApplication {

  public static ConfigurableApplicationContext start(String... args) {
    return SpringApplication.run(WardenApplication.class, args);
  }

  /** The one source of time for every service (tests replace it). */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
