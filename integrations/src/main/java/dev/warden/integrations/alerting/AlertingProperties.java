package dev.warden.integrations.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting intake settings ({@code warden.alerting.*}). Alertmanager sends a credential, which is
 * checked here: configure a token, a username and password, or both. Grafana sends the same
 * credential, and since Grafana 12 can also sign its webhooks ({@link #grafanaSignature()}).
 *
 * @param token the bearer token Alertmanager's {@code http_config.authorization} or Grafana's
 *     contact point sends as {@code Authorization: Bearer <token>}
 * @param username the HTTP basic username ({@code http_config.basic_auth})
 * @param password the HTTP basic password
 * @param pagerdutySecret the signing secret of the PagerDuty v3 webhook subscription; without it
 *     the PagerDuty webhook answers 503
 * @param grafanaSignature Grafana's optional HMAC signature ({@code
 *     warden.alerting.grafana-signature.*})
 */
@ConfigurationProperties("warden.alerting")
public record AlertingProperties(
    String token,
    String username,
    String password,
    String pagerdutySecret,
    @DefaultValue GrafanaSignature grafanaSignature) {

  /**
   * Grafana Alerting's HMAC signature of a webhook (Grafana 12+): hex HMAC-SHA256 of the raw body,
   * or of {@code timestamp + ":" + body} when the contact point names a timestamp header. When a
   * secret is set, every Grafana delivery must carry a valid signature (and the credential too, if
   * one is configured).
   *
   * @param secret the contact point's HMAC secret; empty to not require signatures
   * @param header the header holding the signature
   * @param timestampHeader the header holding the Unix time that was signed with the body; empty if
   *     the contact point sends none
   * @param maxSkew how far that time may be from Warden's clock, which bounds replays
   */
  public record GrafanaSignature(
      String secret,
      @DefaultValue("X-Grafana-Alerting-Signature") String header,
      String timestampHeader,
      @DefaultValue("5m") Duration maxSkew) {

    boolean enabled() {
      return secret != null && !secret.isBlank();
    }

    boolean hasTimestamp() {
      return timestampHeader != null && !timestampHeader.isBlank();
    }
  }

  @ConstructorBinding
  public AlertingProperties {}

  /** Settings without a Grafana signature. */
  public AlertingProperties(
      String token, String username, String password, String pagerdutySecret) {
    this(
        token,
        username,
        password,
        pagerdutySecret,
        new GrafanaSignature(null, "X-Grafana-Alerting-Signature", null, Duration.ofMinutes(5)));
  }

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
