package dev.warden.integrations.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * Which URLs an {@code http.check} step may reach and how far it goes, bound by the application to
 * {@code warden.http-check.*}. The allow-list lives in configuration only: a runbook, an alert or a
 * model can name a URL, but never widen the list, so a URL taken from untrusted text cannot make
 * Warden reach a host nobody listed.
 *
 * @param allowedHosts {@code warden.http-check.allowed-hosts}: the hosts a check may reach, each an
 *     exact name or address ({@code shop.example.com}, {@code 10.0.0.7}, {@code [::1]}), or a
 *     suffix pattern ({@code *.example.com}, which matches {@code a.example.com} and {@code
 *     a.b.example.com} but not {@code example.com} itself), optionally followed by {@code :port} to
 *     allow that port only (the scheme's default port when the URL gives none). Matching ignores
 *     case. Empty by default, which allows nothing. Listing a loopback or in-cluster name allows
 *     reaching it; link-local and cloud metadata addresses are refused even when listed.
 * @param allowedSchemes {@code warden.http-check.allowed-schemes}: {@code https}, {@code http} or
 *     both; {@code https} only by default
 * @param connectTimeout {@code warden.http-check.connect-timeout}: how long to wait for a TCP (and
 *     TLS) connection; 5 seconds by default
 * @param requestTimeout {@code warden.http-check.request-timeout}: how long one request may take
 *     from sending it until the body has been read (up to {@code maxBodyBytes}); 10 seconds by
 *     default
 * @param maxBodyBytes {@code warden.http-check.max-body-bytes}: the most of a response body read
 *     before the connection is dropped; the body is discarded either way. 64 KiB by default
 * @param maxRedirects {@code warden.http-check.max-redirects}: how many redirects one request
 *     follows, each only to an allowed scheme and host; 0 follows none; 3 by default
 * @param sslContext the TLS context to verify servers with; {@code null} (the default, and the only
 *     value configuration gives) means the JVM's default trust store with host name verification.
 *     Tests pass one that trusts their fake server's certificate; never a trust-all context.
 */
public record HttpCheckSettings(
    List<String> allowedHosts,
    Set<String> allowedSchemes,
    Duration connectTimeout,
    Duration requestTimeout,
    Integer maxBodyBytes,
    Integer maxRedirects,
    SSLContext sslContext) {

  /** The schemes a check can ever use. */
  public static final Set<String> SCHEMES = Set.of("https", "http");

  /** The default {@link #maxBodyBytes}. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public HttpCheckSettings {
    allowedHosts =
        allowedHosts == null
            ? List.of()
            : allowedHosts.stream()
                .map(host -> Objects.requireNonNull(host, "allowed host"))
                .map(String::trim)
                .toList();
    allowedHosts.forEach(AllowedHost::parse);
    allowedSchemes = schemes(allowedSchemes);
    connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
    requestTimeout = positive(requestTimeout, Duration.ofSeconds(10), "request-timeout");
    maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException(
          "warden.http-check.max-body-bytes must not be negative, not " + maxBodyBytes);
    }
    maxRedirects = maxRedirects == null ? 3 : maxRedirects;
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException(
          "warden.http-check.max-redirects must be between 0 and 20, not " + maxRedirects);
    }
  }

  /** Settings that allow these hosts, over https only, with every other default. */
  public static HttpCheckSettings allowing(List<String> allowedHosts) {
    return new HttpCheckSettings(allowedHosts, null, null, null, null, null, null);
  }

  /** These settings with other allowed schemes. */
  public HttpCheckSettings withAllowedSchemes(Set<String> allowedSchemes) {
    return new HttpCheckSettings(
        allowedHosts,
        allowedSchemes,
        connectTimeout,
        requestTimeout,
        maxBodyBytes,
        maxRedirects,
        sslContext);
  }

  /** These settings with another TLS context (tests: one that trusts the fake server). */
  public HttpCheckSettings withSslContext(SSLContext sslContext) {
    return new HttpCheckSettings(
        allowedHosts,
        allowedSchemes,
        connectTimeout,
        requestTimeout,
        maxBodyBytes,
        maxRedirects,
        sslContext);
  }

  /** These settings with another redirect limit. */
  public HttpCheckSettings withMaxRedirects(int maxRedirects) {
    return new HttpCheckSettings(
        allowedHosts,
        allowedSchemes,
        connectTimeout,
        requestTimeout,
        maxBodyBytes,
        maxRedirects,
        sslContext);
  }

  /** These settings with other timeouts. */
  public HttpCheckSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
    return new HttpCheckSettings(
        allowedHosts,
        allowedSchemes,
        connectTimeout,
        requestTimeout,
        maxBodyBytes,
        maxRedirects,
        sslContext);
  }

  private static Set<String> schemes(Set<String> configured) {
    if (configured == null || configured.isEmpty()) {
      return Set.of("https");
    }
    Set<String> schemes = new TreeSet<>();
    for (String scheme : configured) {
      String normalised = Objects.requireNonNull(scheme, "scheme").trim().toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(normalised)) {
        throw new IllegalArgumentException(
            "warden.http-check.allowed-schemes may hold https and http only, not " + scheme);
      }
      schemes.add(normalised);
    }
    return Set.copyOf(schemes);
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "warden.http-check." + name + " must be positive, not " + value);
    }
    return value;
  }
}
