package dev.warden.integrations.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code warden.http-check.allowed-hosts}: an exact host or a {@code *.suffix}
 * pattern, with an optional port.
 *
 * @param host the host in lower case without brackets or a trailing dot; for a pattern, the suffix
 *     after {@code *.}
 * @param wildcard whether it is a {@code *.suffix} pattern, which matches names below the suffix
 *     only
 * @param port the only port allowed, or empty for any
 */
record AllowedHost(String host, boolean wildcard, OptionalInt port) {
  private static final Pattern ENTRY =
      Pattern.compile("(\\*\\.)?(\\[[0-9a-f:.]+]|[a-z0-9_.-]+)(?::([0-9]{1,5}))?");

  /** Parses one entry, saying what is wrong with a malformed one. */
  static AllowedHost parse(String entry) {
    Matcher parts = ENTRY.matcher(entry.trim().toLowerCase(Locale.ROOT));
    if (!parts.matches()) {
      throw new IllegalArgumentException(
          "warden.http-check.allowed-hosts: '"
              + entry
              + "' is neither a host, a *.suffix pattern, nor either with :port");
    }
    boolean wildcard = parts.group(1) != null;
    String host = normalise(parts.group(2));
    if (host.isEmpty() || host.startsWith(".") || host.contains("..")) {
      throw new IllegalArgumentException(
          "warden.http-check.allowed-hosts: '" + entry + "' has an empty label");
    }
    if (wildcard && (host.contains(":") || !host.contains("."))) {
      throw new IllegalArgumentException(
          "warden.http-check.allowed-hosts: '"
              + entry
              + "' would allow a whole top-level domain; name at least two labels after *.");
    }
    OptionalInt port = OptionalInt.empty();
    if (parts.group(3) != null) {
      int number = Integer.parseInt(parts.group(3));
      if (number < 1 || number > 65535) {
        throw new IllegalArgumentException(
            "warden.http-check.allowed-hosts: '" + entry + "' has no valid port");
      }
      port = OptionalInt.of(number);
    }
    return new AllowedHost(host, wildcard, port);
  }

  /**
   * Whether this entry allows a host and port.
   *
   * @param host the URL's host as {@link java.net.URI#getHost()} gives it
   * @param port the port the request goes to (the scheme's default when the URL gives none)
   */
  boolean allows(String host, int port) {
    if (this.port.isPresent() && this.port.getAsInt() != port) {
      return false;
    }
    String candidate;
    try {
      candidate = normalise(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return wildcard ? candidate.endsWith("." + this.host) : candidate.equals(this.host);
  }

  /**
   * A host without IPv6 brackets or a trailing dot, and an IPv6 address in one spelling ({@code
   * [::1]} and {@code [0:0:0:0:0:0:0:1]} are the same host).
   */
  static String normalise(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.contains(":")) {
      if (!bare.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
      }
      try {
        // a literal: parsed, never looked up
        return InetAddress.getByName(bare).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + host + "' is not an IPv6 address", e);
      }
    }
    return bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
  }
}
