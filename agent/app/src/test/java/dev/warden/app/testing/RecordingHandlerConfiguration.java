package dev.warden.app.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Adds a {@link RecordingHandler} to an application context under test. */
@TestConfiguration(proxyBeanMethods = false)
public class RecordingHandlerConfiguration {
  @Bean
  RecordingHandler recordingHandler() {
    return new RecordingHandler();
  }
}
