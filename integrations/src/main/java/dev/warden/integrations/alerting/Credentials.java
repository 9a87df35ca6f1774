package dev.warden.integrations.alerting;

import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Signatures;
import dev.warden.core.integration.Availability;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Checks the {@code Authorization} header Alertmanager and Grafana send. */
final class Credentials {
  private final AlertingProperties properties;

  Credentials(AlertingProperties properties) {
    this.properties = properties;
  }

  Availability availability(String path) {
    if (!properties.hasToken() && !properties.hasBasic()) {
      return Availability.disabled(
          "no warden.alerting.token (or warden.alerting.username and warden.alerting.password)");
    }
    return Availability.enabled("webhook intake at " + path);
  }

  Authentication check(Delivery delivery) {
    Optional<String> header = delivery.headers().get("Authorization");
    if (header.isEmpty()) {
      return Authentication.rejected("missing Authorization header");
    }
    String value = header.get().trim();
    int space = value.indexOf(' ');
    if (space < 0) {
      return Authentication.rejected("Authorization header must be Bearer or Basic");
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credential = value.substring(space + 1).trim();
    if (scheme.equals("bearer") && properties.hasToken()) {
      return Signatures.sameSecret(credential, properties.token())
          ? Authentication.authentic()
          : Authentication.rejected("bearer token does not match");
    }
    if (scheme.equals("basic") && properties.hasBasic()) {
      return basic(credential);
    }
    return Authentication.rejected(
        "Authorization scheme "
            + scheme
            + " is not configured; use "
            + (properties.hasToken() ? "Bearer" : "Basic"));
  }

  private Authentication basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Authentication.rejected("Basic credential is not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Authentication.rejected("Basic credential has no username:password");
    }
    // evaluate both comparisons, so timing does not tell which one failed
    boolean user = Signatures.sameSecret(decoded.substring(0, colon), properties.username());
    boolean password = Signatures.sameSecret(decoded.substring(colon + 1), properties.password());
    return user & password
        ? Authentication.authentic()
        : Authentication.rejected("username or password does not match");
  }
}
