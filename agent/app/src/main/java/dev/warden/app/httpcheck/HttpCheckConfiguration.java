package dev.warden.app.httpcheck;

import dev.warden.integrations.http.HttpCheckExecutor;
import dev.warden.integrations.http.HttpCheckSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code http.check} step executor, limited to the hosts in {@code warden.http-check.*}. */
@Configuration(proxyBeanMethods = false)
class HttpCheckConfiguration {
  @Bean
  HttpCheckExecutor httpCheckExecutor(HttpCheckProperties properties, Clock clock) {
    return new HttpCheckExecutor(
        new HttpCheckSettings(
            properties.allowedHosts(),
            properties.allowedSchemes(),
            properties.connectTimeout(),
            properties.requestTimeout(),
            properties.maxBodyBytes(),
            properties.maxRedirects(),
            null),
        clock);
  }
}
