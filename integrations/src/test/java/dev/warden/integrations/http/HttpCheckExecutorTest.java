package dev.warden.integrations.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.TestPermits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code http.check} executor against WireMock over HTTP and HTTPS on loopback. */
class HttpCheckExecutorTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private X509Certificate wireMockCertificate;
  private SSLContext trustingWireMock;

  @BeforeEach
  void start() throws KeyStoreException {
    server.start();
    wireMockCertificate =
        (X509Certificate)
            server.getOptions().httpsSettings().keyStore().loadStore().getCertificate("wiremock");
    trustingWireMock = PinnedTrust.trusting(wireMockCertificate);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void reportsStatusOfAHealthyEndpointWithoutQueryOrBody() {
    server.stubFor(
        get(urlPathEqualTo("/healthz"))
            .willReturn(aResponse().withStatus(200).withBody("secret-body-text")));

    ExecutionResult result =
        run(executor(), Map.of("url", http("/healthz?token=s3cr3t"), "expect_status", 200L));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.outputs())
        .containsEntry("status", "200")
        .containsEntry("url", http("/healthz"))
        .containsKey("elapsed_ms");
    assertThat(result.summary()).isEqualTo("GET " + http("/healthz") + " -> 200 in 0 ms");
    assertThat(result.summary() + result.outputs()).doesNotContain("s3cr3t", "secret-body");
    server.verify(1, getRequestedFor(urlPathEqualTo("/healthz")));
  }

  @Test
  void failsOnAnUnexpectedStatus() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(503)));

    ExecutionResult result = run(executor(), Map.of("url", http("/healthz")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.outputs()).containsEntry("status", "503");
    assertThat(result.summary()).contains("-> 503").endsWith("expected 2xx");
  }

  @Test
  void expectStatusDecidesSuccess() {
    server.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));

    ExecutionResult expected =
        run(executor(), Map.of("url", http("/gone"), "expect_status", "404"));
    ExecutionResult ok = run(executor(), Map.of("url", http("/gone"), "expect_status", 200L));

    assertThat(expected.succeeded()).isTrue();
    assertThat(ok.succeeded()).isFalse();
    assertThat(ok.summary()).endsWith("expected 200");
  }

  @Test
  void retriesUntilTheEndpointRecovers() {
    server.stubFor(
        get("/healthz")
            .inScenario("recovering")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("still down"));
    server.stubFor(
        get("/healthz")
            .inScenario("recovering")
            .whenScenarioStateIs("still down")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    server.stubFor(
        get("/healthz")
            .inScenario("recovering")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200)));

    ExecutionResult result =
        run(
            executor(),
            Map.of(
                "url", http("/healthz"), "expect_status", 200L, "retries", 3L, "interval", "10ms"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.outputs()).containsEntry("status", "200").containsEntry("attempts", "3");
    assertThat(result.summary()).endsWith("(attempt 3 of 4)");
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/healthz")))).hasSize(3);
  }

  @Test
  void givesUpAfterTheLastRetry() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(503)));

    ExecutionResult result =
        run(executor(), Map.of("url", http("/healthz"), "retries", 2L, "interval", "10ms"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.outputs()).containsEntry("status", "503").containsEntry("attempts", "3");
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/healthz")))).hasSize(3);
  }

  @Test
  void refusesAHostOffTheListWithoutARequest() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));
    HttpCheckExecutor executor =
        new HttpCheckExecutor(
            settings(List.of("shop.example.com", "*.example.com")), clock, this::noLookUp);

    ExecutionResult result = run(executor, Map.of("url", http("/healthz")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .isEqualTo(
            "GET "
                + http("/healthz")
                + " refused: host 127.0.0.1:"
                + server.port()
                + " is not on warden.http-check.allowed-hosts");
    assertThat(requests()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "ftp", "file"})
  void refusesASchemeNotAllowedWithoutARequest(String scheme) {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));
    HttpCheckExecutor httpsOnly =
        new HttpCheckExecutor(
            HttpCheckSettings.allowing(List.of("127.0.0.1:" + server.port())), clock);

    ExecutionResult result =
        run(httpsOnly, Map.of("url", scheme + "://127.0.0.1:" + server.port() + "/healthz"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .contains("refused: scheme " + scheme + " is not on warden.http-check.allowed-schemes");
    assertThat(requests()).isZero();
  }

  @Test
  void refusesUserInfoWithoutARequestOrEchoingIt() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));

    ExecutionResult result =
        run(
            executor(),
            Map.of("url", "http://admin:hunter2@127.0.0.1:" + server.port() + "/healthz"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("user-info").doesNotContain("hunter2", "admin");
    assertThat(result.outputs().toString()).doesNotContain("hunter2");
    assertThat(requests()).isZero();
  }

  @Test
  void followsARedirectToAnAllowedPath() {
    server.stubFor(
        get("/old").willReturn(aResponse().withStatus(302).withHeader("Location", "/healthz")));
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));

    ExecutionResult result = run(executor(), Map.of("url", http("/old"), "expect_status", 200L));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.outputs())
        .containsEntry("status", "200")
        .containsEntry("url", http("/old"))
        .containsEntry("final_url", http("/healthz"));
    assertThat(result.summary()).contains("after 1 redirect to " + http("/healthz"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/old")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/healthz")));
  }

  @Test
  void refusesARedirectToAHostOffTheList() {
    String elsewhere = "http://localhost:" + server.port() + "/healthz";
    server.stubFor(
        get("/old").willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere)));
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));

    ExecutionResult result = run(executor(), Map.of("url", http("/old")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .contains(
            "redirect to "
                + elsewhere
                + " refused: host localhost:"
                + server.port()
                + " is not on warden.http-check.allowed-hosts");
    assertThat(result.outputs()).containsEntry("status", "302");
    server.verify(1, getRequestedFor(urlPathEqualTo("/old")));
    server.verify(0, getRequestedFor(urlPathEqualTo("/healthz")));
  }

  @Test
  void stopsAfterTheMostRedirectsAllowed() {
    server.stubFor(
        get("/loop").willReturn(aResponse().withStatus(301).withHeader("Location", "/loop")));
    HttpCheckExecutor executor =
        new HttpCheckExecutor(settings(List.of(allowedHost())).withMaxRedirects(2), clock);

    ExecutionResult result = run(executor, Map.of("url", http("/loop"), "retries", 3L));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("more than 2 redirects").doesNotContain("attempt");
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void reportsTheTlsCertificateOverHttps() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));

    ExecutionResult result =
        run(executor(), Map.of("url", https("/healthz"), "report", "tls-certificate"));

    Instant notAfter = wireMockCertificate.getNotAfter().toInstant();
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(result.outputs())
        .containsEntry("status", "200")
        .containsEntry("issuer", wireMockCertificate.getIssuerX500Principal().getName())
        .containsEntry("subject", wireMockCertificate.getSubjectX500Principal().getName())
        .containsEntry("not_after", notAfter.toString())
        .containsEntry("days_left", String.valueOf(Duration.between(NOW, notAfter).toDays()));
    assertThat(result.outputs().get("issuer")).contains("CN=Tom Akehurst");
    assertThat(result.summary()).contains("expires " + notAfter);
  }

  @Test
  void trustsNoUnknownCertificateByDefault() {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));
    HttpCheckExecutor defaultTrust =
        new HttpCheckExecutor(
            HttpCheckSettings.allowing(List.of("127.0.0.1:" + server.httpsPort())), clock);

    ExecutionResult result = run(defaultTrust, Map.of("url", https("/healthz")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("TLS failed");
    assertThat(requests()).isZero();
  }

  @Test
  void connectionRefusedFailsNamingTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/healthz";
    HttpCheckExecutor executor =
        new HttpCheckExecutor(settings(List.of("127.0.0.1:" + closedPort)), clock);

    ExecutionResult result = run(executor, Map.of("url", url + "?q=1"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .isEqualTo("GET " + url + " failed: could not connect (connection refused)");
    assertThat(result.outputs()).containsEntry("url", url).doesNotContainKey("status");
  }

  @Test
  void refusesALinkLocalAddressEvenWhenListed() {
    HttpCheckExecutor executor = new HttpCheckExecutor(settings(List.of("169.254.169.254")), clock);

    ExecutionResult result =
        run(executor, Map.of("url", "http://169.254.169.254/latest/meta-data/"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .isEqualTo(
            "GET http://169.254.169.254/latest/meta-data/ refused: host 169.254.169.254"
                + " resolves to 169.254.169.254, a link-local address a check never reaches");
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "fe80::1", "64:ff9b::a9fe:a9fe"})
  void refusesAListedNameThatResolvesToAMetadataAddressWithoutARequest(String address) {
    server.stubFor(get("/healthz").willReturn(aResponse().withStatus(200)));
    HttpCheckExecutor executor =
        new HttpCheckExecutor(
            settings(List.of("*.internal.test")),
            clock,
            host -> new InetAddress[] {InetAddress.getLoopbackAddress(), literal(address)});

    ExecutionResult result =
        run(executor, Map.of("url", "http://metadata.internal.test:" + server.port() + "/healthz"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary())
        .contains("refused: host metadata.internal.test resolves to")
        .contains("address a check never reaches");
    assertThat(requests()).isZero();
  }

  @Test
  void rejectsMalformedParametersWithoutARequest() {
    assertThat(run(executor(), Map.of()).summary()).isEqualTo("http.check: http.check needs a url");
    assertThat(run(executor(), Map.of("url", "http://127.0.0.1:1/a b")).summary())
        .startsWith("http.check: url is not a valid URL");
    assertThat(run(executor(), Map.of("url", http("/"), "interval", "soon")).summary())
        .contains("interval must be a duration");
    assertThat(run(executor(), Map.of("url", http("/"), "report", "tls-certificate")).summary())
        .contains("needs an https url");
    assertThat(requests()).isZero();
  }

  private HttpCheckExecutor executor() {
    return new HttpCheckExecutor(
        settings(List.of(allowedHost(), "127.0.0.1:" + server.httpsPort())), clock);
  }

  private HttpCheckSettings settings(List<String> allowedHosts) {
    return HttpCheckSettings.allowing(allowedHosts)
        .withAllowedSchemes(Set.of("https", "http"))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
        .withSslContext(trustingWireMock);
  }

  private String allowedHost() {
    return "127.0.0.1:" + server.port();
  }

  private String http(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private String https(String path) {
    return "https://127.0.0.1:" + server.httpsPort() + path;
  }

  private int requests() {
    return server.findAll(anyRequestedFor(anyUrl())).size();
  }

  private InetAddress[] noLookUp(String host) throws UnknownHostException {
    throw new UnknownHostException("this test looks nothing up: " + host);
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  private static ExecutionResult run(HttpCheckExecutor executor, Map<String, ?> parameters) {
    ProposedAction action =
        new ProposedAction(
            HttpCheckExecutor.KIND,
            Target.none(),
            new LinkedHashMap<String, Object>(parameters),
            Map.of(),
            Requester.runbook("error-rate-undo"),
            Optional.empty(),
            false);
    return executor.execute(TestPermits.of(action));
  }
}
