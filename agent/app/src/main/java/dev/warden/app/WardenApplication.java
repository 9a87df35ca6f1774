package dev.warden.app;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

  /** The application without its web server, for commands that act ({@code runbook run}). */
  public static ConfigurableApplicationContext startWithoutWebServer(String... args) {
    return new SpringApplicationBuilder(WardenApplication.class)
        .web(WebApplicationType.NONE)
        .run(args);
  }

  /** The one source of time for every service (tests replace it). */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
