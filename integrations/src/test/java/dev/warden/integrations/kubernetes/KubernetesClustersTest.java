package dev.warden.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.integration.Availability;
import dev.warden.core.kubernetes.Cluster;
import dev.warden.core.kubernetes.ObjectRef;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building the clusters from settings (kubeconfig and context, a bare API URL) and reporting
 * whether they answer, against the mock server in expectations mode and a loopback port nothing
 * listens on.
 */
@EnableKubernetesMockClient(https = false)
class KubernetesClustersTest {
  static final String PROD_TOKEN = "prod-token-4b1e9c0d7a";
  static final String STAGING_TOKEN = "staging-token-93fd2a61c8";
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  KubernetesMockServer server;
  @TempDir Path dir;
  URI closed;

  @BeforeEach
  void versionAndDeadPort() throws IOException {
    server.setVersionInfo(
        new VersionInfo.Builder()
            .withMajor("1")
            .withMinor("31")
            .withGitVersion("v1.31.4")
            .withPlatform("linux/amd64")
            .build());
    closed = Fabric8ClusterFailureTest.closedPort();
  }

  @Test
  void usesTheNamedContextOfAKubeconfig() throws Exception {
    Path kubeconfig = twoContextKubeconfig();
    expectWebDeployment();

    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "staging",
                    Optional.of(kubeconfig),
                    Optional.of("staging"),
                    Optional.empty(),
                    TIMEOUT)))) {
      Cluster staging = clusters.cluster("staging").orElseThrow();

      assertThat(staging.get(web()).orElseThrow().at("spec", "replicas")).contains(3);
      assertThat(server.getLastRequest().getHeader("Authorization"))
          .isEqualTo("Bearer " + STAGING_TOKEN);
      assertThat(clusters.availability())
          .isEqualTo(Availability.enabled("cluster staging: Kubernetes v1.31.4"));
    }
  }

  @Test
  void withoutAContextUsesTheKubeconfigsCurrentOne() throws Exception {
    Path kubeconfig = twoContextKubeconfig();

    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "prod",
                    Optional.of(kubeconfig),
                    Optional.empty(),
                    Optional.empty(),
                    TIMEOUT)))) {
      // the current context (prod) points at a port nothing listens on
      Availability availability = clusters.availability();

      assertThat(availability.enabled()).isFalse();
      assertThat(availability.detail()).startsWith("cluster prod: no answer from the API");
      assertThat(availability.detail()).doesNotContain(PROD_TOKEN);
    }
  }

  @Test
  void aMasterUrlReplacesTheKubeconfigsServerAndKeepsItsCredentials() throws Exception {
    Path kubeconfig = twoContextKubeconfig();
    expectWebDeployment();

    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "prod",
                    Optional.of(kubeconfig),
                    Optional.empty(),
                    Optional.of(URI.create(server.url("/"))),
                    TIMEOUT)))) {
      assertThat(clusters.cluster("prod").orElseThrow().get(web())).isPresent();
      assertThat(server.getLastRequest().getHeader("Authorization"))
          .isEqualTo("Bearer " + PROD_TOKEN);
    }
  }

  @Test
  void aMasterUrlAloneTalksToItWithoutCredentials() throws Exception {
    expectWebDeployment();

    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "test",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(URI.create(server.url("/"))),
                    TIMEOUT)))) {
      assertThat(clusters.cluster("test").orElseThrow().get(web())).isPresent();
      assertThat(server.getLastRequest().getHeader("Authorization")).isNull();
      assertThat(clusters.availability().enabled()).isTrue();
    }
  }

  @Test
  void discoveryReadsTheKubeconfigFabric8WouldRead() throws Exception {
    Path kubeconfig = twoContextKubeconfig();
    String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "staging",
                    Optional.empty(),
                    Optional.of("staging"),
                    Optional.empty(),
                    TIMEOUT)))) {
      assertThat(clusters.availability().enabled()).isTrue();
      assertThat(server.getLastRequest().getHeader("Authorization"))
          .isEqualTo("Bearer " + STAGING_TOKEN);
    } finally {
      if (previous == null) {
        System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
      } else {
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
      }
    }
  }

  @Test
  void timeoutsComeFromTheSettingsAndFabric8DoesNotRetry() throws Exception {
    Config config =
        KubernetesClusters.config(
            new ClusterSettings(
                "staging",
                Optional.of(twoContextKubeconfig()),
                Optional.of("staging"),
                Optional.empty(),
                Duration.ofMillis(1500)));

    assertThat(config.getMasterUrl()).startsWith(server.url("/"));
    assertThat(config.getRequestTimeout()).isEqualTo(1500);
    assertThat(config.getConnectionTimeout()).isEqualTo(1500);
    assertThat(config.getRequestRetryBackoffLimit()).isZero();
    assertThat(config.getNamespace()).isEqualTo("shop");
  }

  @Test
  void isAvailableOnlyWhenEveryClusterAnswers() {
    try (KubernetesClusters clusters =
        KubernetesClusters.create(
            List.of(
                masterUrl("staging", URI.create(server.url("/"))), masterUrl("prod", closed)))) {
      Availability availability = clusters.availability();

      assertThat(availability.enabled()).isFalse();
      assertThat(availability.detail())
          .contains("cluster staging: Kubernetes v1.31.4", "cluster prod: no answer from the API");
      assertThat(clusters.clusters()).extracting(Cluster::name).containsExactly("staging", "prod");
    }
  }

  @Test
  void withNoClusterIsDisabled() {
    try (KubernetesClusters clusters = KubernetesClusters.create(List.of())) {
      assertThat(clusters.name()).isEqualTo("kubernetes");
      assertThat(clusters.availability()).isEqualTo(Availability.disabled("no cluster configured"));
      assertThat(clusters.cluster("prod")).isEmpty();
    }
  }

  @Test
  void closingClosesTheClients() {
    KubernetesClusters clusters =
        KubernetesClusters.create(List.of(masterUrl("staging", URI.create(server.url("/")))));
    assertThat(clusters.availability().enabled()).isTrue();

    clusters.close();

    assertThat(clusters.availability().enabled()).isFalse();
  }

  @Test
  void rejectsAContextTheKubeconfigDoesNotHave() throws Exception {
    Path kubeconfig = twoContextKubeconfig();

    assertThatThrownBy(
            () ->
                KubernetesClusters.create(
                    List.of(
                        new ClusterSettings(
                            "qa",
                            Optional.of(kubeconfig),
                            Optional.of("qa"),
                            Optional.empty(),
                            TIMEOUT))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster qa: no context qa in " + kubeconfig);
  }

  @Test
  void rejectsAMissingKubeconfigNamingItsPath() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(
            () ->
                KubernetesClusters.create(
                    List.of(
                        new ClusterSettings(
                            "prod",
                            Optional.of(missing),
                            Optional.empty(),
                            Optional.empty(),
                            TIMEOUT))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster prod: cannot read kubeconfig " + missing);
  }

  @Test
  void rejectsAnUnparsableKubeconfigWithoutQuotingIt() throws Exception {
    Path broken = dir.resolve("broken");
    Files.writeString(broken, "users: [ {name: x, user: {token: " + PROD_TOKEN + "}\n");

    assertThatThrownBy(
            () ->
                KubernetesClusters.create(
                    List.of(
                        new ClusterSettings(
                            "prod",
                            Optional.of(broken),
                            Optional.empty(),
                            Optional.empty(),
                            TIMEOUT))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster prod: kubeconfig " + broken + " is not a valid kubeconfig")
        .hasNoCause();
  }

  @Test
  void rejectsTwoClustersWithOneName() {
    URI url = URI.create(server.url("/"));

    assertThatThrownBy(
            () ->
                KubernetesClusters.create(List.of(masterUrl("prod", url), masterUrl("prod", url))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two clusters are named prod");
  }

  @Test
  void settingsCheckThemselves() {
    URI url = URI.create("https://api.prod.example.com:6443");

    assertThatThrownBy(() -> masterUrl(" ", url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cluster needs a name");
    assertThatThrownBy(
            () -> masterUrl("prod", URI.create("https://warden:hunter2@api.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster prod: master-url must not carry a user or password");
    assertThatThrownBy(() -> masterUrl("prod", URI.create("ftp://api.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)");
    assertThatThrownBy(
            () ->
                new ClusterSettings(
                    "prod", Optional.empty(), Optional.of("prod"), Optional.of(url), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a context needs a kubeconfig");
    assertThatThrownBy(
            () ->
                new ClusterSettings(
                    "prod", Optional.empty(), Optional.empty(), Optional.of(url), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request timeout must be positive");
    assertThat(ClusterSettings.discovered(" prod ", TIMEOUT).name()).isEqualTo("prod");
  }

  private Path twoContextKubeconfig() throws IOException {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        Kubeconfigs.prodAndStaging(closed.toString(), PROD_TOKEN, server.url("/"), STAGING_TOKEN));
    return kubeconfig;
  }

  private void expectWebDeployment() {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(200, KubeFixtures.object(KubeFixtures.WEB_DEPLOYMENT))
        .once();
  }

  private static ObjectRef web() {
    return new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), "web");
  }

  private static ClusterSettings masterUrl(String name, URI url) {
    return new ClusterSettings(name, Optional.empty(), Optional.empty(), Optional.of(url), TIMEOUT);
  }
}
