package dev.warden.integrations.github;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GitHub settings ({@code warden.github.*}).
 *
 * @param webhookSecret the secret configured on the GitHub webhook; deliveries are verified against
 *     it with HMAC-SHA256. Without it the GitHub webhook answers 503.
 */
@ConfigurationProperties("warden.github")
public record GitHubProperties(String webhookSecret) {

  boolean hasWebhookSecret() {
    return webhookSecret != null && !webhookSecret.isBlank();
  }
}
