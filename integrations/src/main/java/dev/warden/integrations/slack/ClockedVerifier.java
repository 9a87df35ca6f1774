package dev.warden.integrations.slack;

import com.slack.api.app_backend.SlackSignature;
import dev.warden.core.intake.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Slack's v0 request signature, as Bolt's {@code RequestVerification} middleware asks it, with
 * three differences from Bolt's own {@link SlackSignature.Verifier}, which is why this subclass
 * exists:
 *
 * <ul>
 *   <li>time comes from Warden's {@link Clock}, not {@code System.currentTimeMillis()} (Bolt's
 *       middleware always passes the system time; it is ignored here), so tests can fix it;
 *   <li>the five-minute window holds on both sides: Bolt accepts any timestamp in the future, which
 *       would let a captured request be replayed for as long as its forged-forward time allows;
 *   <li>the HMAC is over the UTF-8 bytes (Bolt uses the platform charset, which Java 17 does not
 *       fix to UTF-8) and compared in constant time (Bolt uses {@code String.equals}).
 * </ul>
 *
 * Nothing is logged: Bolt's verifier logs the body at debug level.
 */
final class ClockedVerifier extends SlackSignature.Verifier {
  /** The replay window Slack documents. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final String signingSecret;
  private final Clock clock;

  ClockedVerifier(String signingSecret, Clock clock) {
    super(new SlackSignature.Generator(signingSecret));
    this.signingSecret = signingSecret;
    this.clock = clock;
  }

  @Override
  public boolean isValid(
      String requestTimestamp, String requestBody, String requestSignature, long ignored) {
    if (requestTimestamp == null || requestSignature == null || requestBody == null) {
      return false;
    }
    long sentMillis;
    try {
      sentMillis = Math.multiplyExact(Long.parseLong(requestTimestamp.trim()), 1000L);
    } catch (NumberFormatException | ArithmeticException unreadable) {
      return false;
    }
    if (Math.abs(clock.millis() - sentMillis) >= WINDOW.toMillis()) {
      return false;
    }
    String signature = requestSignature.trim();
    if (!signature.startsWith("v0=")) {
      return false;
    }
    byte[] expected =
        Signatures.hmacSha256(
            signingSecret,
            ("v0:" + requestTimestamp + ":").getBytes(StandardCharsets.UTF_8),
            requestBody.getBytes(StandardCharsets.UTF_8));
    return Signatures.hexMatches(signature.substring(3), expected);
  }
}
