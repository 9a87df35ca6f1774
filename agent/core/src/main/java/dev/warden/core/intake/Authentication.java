package dev.warden.core.intake;

/** Whether a delivery proved that it came from the configured sender. */
public sealed interface Authentication {

  /** The delivery carries a valid signature or credential. */
  record Authentic() implements Authentication {}

  /**
   * It does not. The reason is safe to show to the caller: it never contains a secret or the
   * expected signature.
   */
  record Rejected(String reason) implements Authentication {}

  static Authentication authentic() {
    return new Authentic();
  }

  static Authentication rejected(String reason) {
    return new Rejected(reason);
  }
}
