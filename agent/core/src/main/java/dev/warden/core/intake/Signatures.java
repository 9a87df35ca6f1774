package dev.warden.core.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature arithmetic webhook senders use: HMAC-SHA256 over the raw body, hex encoded, and
 * comparisons that take the same time whatever the inputs, so that timing reveals nothing.
 */
public final class Signatures {
  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  /**
   * HMAC-SHA256 of the concatenated {@code parts}, keyed with the UTF-8 bytes of {@code secret}.
   */
  public static byte[] hmacSha256(String secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * Whether {@code hex} (as found in a header, any case) encodes exactly {@code expected}.
   * Malformed hex is simply no match.
   */
  public static boolean hexMatches(String hex, byte[] expected) {
    byte[] given;
    try {
      given = HEX.parseHex(hex.trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(given, expected);
  }

  /**
   * Whether two secrets are equal, in time independent of where (or whether) they differ, and of
   * their lengths: both are hashed first.
   */
  public static boolean sameSecret(String given, String expected) {
    return MessageDigest.isEqual(sha256(given), sha256(expected));
  }

  /** Lower-case hex SHA-256 of {@code text}; used to build compact de-duplication keys. */
  public static String sha256Hex(String text) {
    return HEX.formatHex(sha256(text));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
