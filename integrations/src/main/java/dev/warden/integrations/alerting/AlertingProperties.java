package dev.warden.integrations.alerting;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alerting intake settings ({@code warden.alerting.*}). Alertmanager and Grafana do not sign their
 * webhooks; they send a credential, which is checked here. Configure a token, a username and
 * password, or both.
 *
 * @param token the bearer token Alertmanager's {@code http_config.authorization} or Grafana's
 *     contact point sends as {@code Authorization: Bearer <token>}
 * @param username the HTTP basic username ({@code http_config.basic_auth})
 * @param password the HTTP basic password
 * @param pagerdutySecret the signing secret of the PagerDuty v3 webhook subscription; without it
 *     the PagerDuty webhook answers 503
 */
@ConfigurationProperties("warden.alerting")
public record AlertingProperties(
    String token, String username, String password, String pagerdutySecret) {

  boolean hasToken() {
    return token != null && !token.isBlank();
  }

  boolean hasBasic() {
    return username != null && !username.isBlank() && password != null && !password.isEmpty();
  }

  boolean hasPagerdutySecret() {
    return pagerdutySecret != null && !pagerdutySecret.isBlank();
  }
}
