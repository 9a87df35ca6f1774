package dev.warden.integrations.http;

import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * Runs {@code http.check} steps: one GET against a URL whose host is on {@link
 * HttpCheckSettings#allowedHosts()}, judged by its status.
 *
 * <p>Parameters: {@code url} (required); {@code expect_status} (default: any 2xx); {@code retries}
 * and {@code interval} ({@code 10ms}, {@code 30s}, {@code 2m}; default 5s), where the waits between
 * attempts never add up to more than 5 minutes (more retries than fit are dropped); {@code report:
 * tls-certificate} to report the server's leaf certificate.
 *
 * <p>Before anything is sent, the URL must parse, use an allowed scheme, carry no user-info and
 * name an allowed host; then every address the host resolves to must be one a check may reach
 * (never link-local or cloud metadata, see {@link ForbiddenAddresses}). Otherwise the result is a
 * failure saying which rule refused it, and nothing is sent. Redirects are followed by hand, each
 * checked the same way, at most {@link HttpCheckSettings#maxRedirects()}; a redirect to a host off
 * the list fails the check. The JDK client looks the host up again when it connects, so a name
 * whose DNS answer changes in between is not caught: list names you control.
 *
 * <p>Outputs: {@code status}, {@code elapsed_ms}, {@code url} (as asked, without query string),
 * {@code final_url} after redirects, {@code attempts}; with the TLS report {@code issuer}, {@code
 * subject}, {@code not_after} (ISO-8601 instant) and {@code days_left}. A response body is read up
 * to {@link HttpCheckSettings#maxBodyBytes()} and thrown away; it never reaches an output, a
 * summary or a log.
 */
public final class HttpCheckExecutor implements ActionExecutor {
  /** The action kind this executor runs. */
  public static final String KIND = "http.check";

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpCheckSettings settings;
  private final List<AllowedHost> allowedHosts;
  private final HttpClient client;
  private final Clock clock;
  private final HostResolver resolver;

  /** An executor with the system clock and resolver. */
  public HttpCheckExecutor(HttpCheckSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * An executor with the system resolver.
   *
   * @param clock the time elapsed times and a certificate's days left are measured with
   */
  public HttpCheckExecutor(HttpCheckSettings settings, Clock clock) {
    this(settings, clock, InetAddress::getAllByName);
  }

  HttpCheckExecutor(HttpCheckSettings settings, Clock clock, HostResolver resolver) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.allowedHosts = settings.allowedHosts().stream().map(AllowedHost::parse).toList();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout());
    if (settings.sslContext() != null) {
      builder.sslContext(settings.sslContext());
    }
    this.client = builder.build();
  }

  @Override
  public Set<String> kinds() {
    return Set.of(KIND);
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    CheckRequest request;
    try {
      request = CheckRequest.from(permit.action().parameters());
    } catch (IllegalArgumentException e) {
      return ExecutionResult.failed(KIND + ": " + e.getMessage());
    }
    String shown = shown(request.url());
    Optional<String> refusal = refusal(request.url());
    if (refusal.isPresent()) {
      return new ExecutionResult(
          false, "GET " + shown + " refused: " + refusal.get(), Map.of("url", shown));
    }
    int retries = request.cappedRetries();
    RetryConfig config =
        RetryConfig.<Attempt>custom()
            .maxAttempts(retries + 1)
            .waitDuration(request.interval())
            .retryOnResult(attempt -> !attempt.succeeded() && attempt.retryable())
            .retryOnException(error -> false)
            .failAfterMaxAttempts(false)
            .build();
    Retry retry = Retry.of(KIND + " " + shown, config);
    AtomicInteger attempts = new AtomicInteger();
    Attempt last;
    try {
      last =
          retry.executeSupplier(
              () -> {
                attempts.incrementAndGet();
                return attempt(request, shown);
              });
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return ExecutionResult.failed("GET " + shown + " interrupted while waiting to retry");
      }
      throw e;
    }
    Map<String, String> outputs = new LinkedHashMap<>(last.outputs());
    String summary = last.summary();
    if (attempts.get() > 1) {
      outputs.put("attempts", String.valueOf(attempts.get()));
      summary += " (attempt " + attempts.get() + " of " + (retries + 1) + ")";
    }
    return new ExecutionResult(last.succeeded(), summary, outputs);
  }

  /** One attempt: the request and the redirects it is allowed to follow. */
  private Attempt attempt(CheckRequest request, String shown) {
    Instant started = clock.instant();
    URI current = request.url();
    int redirects = 0;
    while (true) {
      Optional<Attempt> unreachable = unreachable(current, shown);
      if (unreachable.isPresent()) {
        return unreachable.get();
      }
      HttpResponse<Long> response;
      try {
        response = send(current);
      } catch (IOException e) {
        return Attempt.failed(
            "GET " + shown + " failed: " + describe(e), true, Map.of("url", shown));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Attempt.failed("GET " + shown + " interrupted", false, Map.of("url", shown));
      } catch (IllegalArgumentException e) {
        // the JDK client refuses a URL our checks let through; its message repeats the URL
        return Attempt.failed(
            "GET " + shown + " refused: the HTTP client cannot send to this url",
            false,
            Map.of("url", shown));
      }
      int status = response.statusCode();
      long elapsed = Duration.between(started, clock.instant()).toMillis();
      Map<String, String> outputs = new LinkedHashMap<>();
      outputs.put("status", String.valueOf(status));
      outputs.put("elapsed_ms", String.valueOf(elapsed));
      outputs.put("url", shown);
      if (redirects > 0) {
        outputs.put("final_url", shown(current));
      }
      String line = "GET " + shown + " -> " + status + " in " + elapsed + " ms";
      Optional<String> location = response.headers().firstValue("Location");
      boolean redirect =
          REDIRECTS.contains(status) && location.isPresent() && !request.expected(status);
      if (redirect) {
        if (redirects == settings.maxRedirects()) {
          return Attempt.failed(line + ", more than " + redirects + " redirects", false, outputs);
        }
        URI next;
        try {
          next = current.resolve(new URI(location.get().trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return Attempt.failed(line + ", redirect to an invalid Location", false, outputs);
        }
        Optional<String> refusal = refusal(next);
        if (refusal.isPresent()) {
          return Attempt.failed(
              line + ", redirect to " + shown(next) + " refused: " + refusal.get(), false, outputs);
        }
        current = next;
        redirects++;
        continue;
      }
      if (redirects > 0) {
        line += " (after " + redirects + " redirect" + (redirects == 1 ? "" : "s");
        line += " to " + shown(current) + ")";
      }
      if (request.tlsReport()) {
        Optional<X509Certificate> leaf = response.sslSession().flatMap(HttpCheckExecutor::leaf);
        if (leaf.isEmpty()) {
          return Attempt.failed(line + ", but the server gave no TLS certificate", false, outputs);
        }
        line += "; " + certificate(leaf.get(), outputs);
      }
      if (!request.expected(status)) {
        return Attempt.failed(line + ", expected " + request.expectation(), true, outputs);
      }
      return new Attempt(true, false, line, outputs);
    }
  }

  /**
   * Why the URL may not be requested, judged without any connection or look-up: an unknown or
   * disallowed scheme, no host, user-info, a host off the list.
   */
  private Optional<String> refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!settings.allowedSchemes().contains(scheme)) {
      return Optional.of(
          "scheme "
              + scheme
              + " is not on warden.http-check.allowed-schemes "
              + settings.allowedSchemes());
    }
    if (url.isOpaque() || url.getHost() == null) {
      return Optional.of("the url has no host Warden can read");
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of("the url carries user-info (credentials), which a check never sends");
    }
    int port = port(url);
    if (allowedHosts.stream().noneMatch(allowed -> allowed.allows(url.getHost(), port))) {
      String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + port;
      return Optional.of("host " + host + " is not on warden.http-check.allowed-hosts");
    }
    return Optional.empty();
  }

  /**
   * A failed attempt when the allowed host resolves to an address a check may not reach, or does
   * not resolve; empty when it may connect.
   */
  private Optional<Attempt> unreachable(URI url, String shown) {
    String host = AllowedHost.normalise(url.getHost());
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of(
          Attempt.failed(
              "GET " + shown + " failed: host " + host + " does not resolve",
              true,
              Map.of("url", shown)));
    }
    for (InetAddress address : addresses) {
      Optional<String> reason = ForbiddenAddresses.reason(address);
      if (reason.isPresent()) {
        return Optional.of(
            Attempt.failed(
                "GET "
                    + shown
                    + " refused: host "
                    + host
                    + " resolves to "
                    + address.getHostAddress()
                    + ", a "
                    + reason.get()
                    + " address a check never reaches",
                false,
                Map.of("url", shown)));
      }
    }
    return Optional.empty();
  }

  private HttpResponse<Long> send(URI url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .GET()
            .timeout(settings.requestTimeout())
            .header("User-Agent", "warden-http-check")
            .build();
    CompletableFuture<HttpResponse<Long>> response =
        client.sendAsync(request, info -> new BoundedDiscard(settings.maxBodyBytes()));
    // the request timeout covers the response headers only; this bounds reading the body too
    Duration whole = settings.connectTimeout().plus(settings.requestTimeout());
    try {
      return response.get(whole.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new HttpTimeoutException("no complete response within " + whole.toSeconds() + " s");
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause.getClass().getSimpleName(), cause);
    }
  }

  /** What went wrong, in words; JDK messages carry no URL, query or credential. */
  private String describe(IOException error) {
    if (error instanceof HttpConnectTimeoutException) {
      return "could not connect within " + settings.connectTimeout().toSeconds() + " s";
    }
    if (error instanceof HttpTimeoutException) {
      return error.getMessage() == null || error.getMessage().startsWith("request timed out")
          ? "no response within " + settings.requestTimeout().toSeconds() + " s"
          : error.getMessage();
    }
    if (error instanceof ConnectException) {
      return "could not connect (connection refused)";
    }
    if (error instanceof UnknownHostException) {
      return "host does not resolve";
    }
    if (error instanceof SSLException) {
      return "TLS failed: " + error.getMessage();
    }
    return error.getClass().getSimpleName()
        + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }

  /** Adds the certificate's outputs and gives its part of the summary. */
  private String certificate(X509Certificate leaf, Map<String, String> outputs) {
    Instant notAfter = leaf.getNotAfter().toInstant();
    long daysLeft = Duration.between(clock.instant(), notAfter).toDays();
    String issuer = leaf.getIssuerX500Principal().getName(X500Principal.RFC2253);
    outputs.put("issuer", issuer);
    outputs.put("subject", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
    outputs.put("not_after", notAfter.toString());
    outputs.put("days_left", String.valueOf(daysLeft));
    return "certificate by " + issuer + " expires " + notAfter + " (" + daysLeft + " days)";
  }

  private static Optional<X509Certificate> leaf(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509
          ? Optional.of(x509)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** The URL for people and outputs: no user-info, query or fragment. */
  private static String shown(URI url) {
    StringBuilder shown = new StringBuilder();
    shown.append(url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT));
    shown.append("://").append(url.getHost() == null ? "?" : url.getHost());
    if (url.getPort() != -1) {
      shown.append(':').append(url.getPort());
    }
    shown.append(url.getRawPath() == null ? "" : url.getRawPath());
    return shown.toString();
  }

  /**
   * What one attempt came to.
   *
   * @param retryable whether trying again could change it (a status or a connection failure), as
   *     opposed to a refusal, which never changes
   */
  private record Attempt(
      boolean succeeded, boolean retryable, String summary, Map<String, String> outputs) {
    static Attempt failed(String summary, boolean retryable, Map<String, String> outputs) {
      return new Attempt(false, retryable, summary, outputs);
    }
  }
}
