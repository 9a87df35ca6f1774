package dev.warden.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.kubernetes.Cluster;
import dev.warden.core.kubernetes.ClusterException;
import dev.warden.core.kubernetes.ObjectRef;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How API failures reach the core: as {@link ClusterException}s with the HTTP status, naming the
 * object and the API's reason, and never carrying the bearer token the client sent. The client is
 * built the way Warden builds it (from a kubeconfig holding a token), against the mock server in
 * expectations mode.
 */
@EnableKubernetesMockClient(https = false)
class Fabric8ClusterFailureTest {
  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.warden-test-token.c2lnbmF0dXJl";
  static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), "web");

  KubernetesMockServer server;
  @TempDir Path dir;
  KubernetesClusters clusters;
  Cluster cluster;

  @BeforeEach
  void connect() throws IOException {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig, Kubeconfigs.singleContext("prod", server.url("/"), "warden", TOKEN));
    clusters =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "prod",
                    Optional.of(kubeconfig),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5))));
    cluster = clusters.cluster("prod").orElseThrow();
  }

  @AfterEach
  void close() {
    clusters.close();
  }

  @Test
  void forbiddenIsA403NamingTheObjectAndTheReasonWithoutTheToken() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(
            403,
            status(
                403,
                "Forbidden",
                "deployments.apps \"web\" is forbidden: User"
                    + " \"system:serviceaccount:warden:warden\" cannot get resource"
                    + " \"deployments\" in API group \"apps\" in the namespace \"shop\""))
        .once();

    ClusterException failure = catchThrowableOfType(ClusterException.class, () -> cluster.get(WEB));

    assertThat(server.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(failure.status()).isEqualTo(403);
    assertThat(failure.getMessage())
        .contains("Deployment shop/web", "cluster prod", "403 Forbidden")
        .contains("cannot get resource \"deployments\"");
    assertCarriesNoToken(failure);
  }

  @Test
  void aServerErrorIsA500AndIsNotRetried() throws Exception {
    server
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(500, status(500, "InternalError", "etcdserver: request timed out"))
        .once();
    int before = server.getRequestCount();

    ClusterException failure =
        catchThrowableOfType(
            ClusterException.class, () -> cluster.patch(WEB, "{\"spec\":{\"replicas\":4}}", false));

    assertThat(failure.status()).isEqualTo(500);
    assertThat(failure.getMessage())
        .contains(
            "patch Deployment shop/web", "500 InternalError", "etcdserver: request timed out");
    assertThat(server.getRequestCount() - before).isEqualTo(1);
    assertCarriesNoToken(failure);
  }

  @Test
  void aForbiddenDeleteIsAnExceptionNotAMissingObject() {
    server
        .expect()
        .delete()
        .withPath("/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-x2kqp")
        .andReturn(
            403,
            status(
                403,
                "Forbidden",
                "pods \"web-7d9f8b6c5d-x2kqp\" is forbidden: User"
                    + " \"system:serviceaccount:warden:warden-readonly\" cannot delete resource"
                    + " \"pods\" in API group \"\" in the namespace \"shop\""))
        .once();

    ClusterException failure =
        catchThrowableOfType(
            ClusterException.class,
            () ->
                cluster.delete(
                    new ObjectRef("v1", "Pod", Optional.of("shop"), "web-7d9f8b6c5d-x2kqp"),
                    false));

    assertThat(failure.status()).isEqualTo(403);
    assertThat(failure.getMessage()).contains("delete Pod shop/web-7d9f8b6c5d-x2kqp");
  }

  @Test
  void logsOfAMissingPodAreANotFound() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-gone1/log?pretty=false&tailLines=20")
        .andReturn(404, status(404, "NotFound", "pods \"web-7d9f8b6c5d-gone1\" not found"))
        .once();

    ClusterException failure =
        catchThrowableOfType(
            ClusterException.class,
            () -> cluster.logs("shop", "web-7d9f8b6c5d-gone1", Optional.empty(), false, 20));

    assertThat(failure.status()).isEqualTo(404);
    assertThat(failure.getMessage()).contains("Pod shop/web-7d9f8b6c5d-gone1", "not found");
  }

  @Test
  void anAnswerEchoingTheTokenHasItRedacted() {
    // a misconfigured proxy in front of the API that quotes the request's credentials back
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(401, status(401, "Unauthorized", "invalid bearer token " + TOKEN))
        .always(); // fabric8 rereads the kubeconfig and tries once more after a 401

    ClusterException failure = catchThrowableOfType(ClusterException.class, () -> cluster.get(WEB));

    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.getMessage())
        .contains("401 Unauthorized", "invalid bearer token <redacted>");
    assertThat(failure.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void anUnreachableApiIsStatusZero() throws IOException {
    URI closed = closedPort();
    try (KubernetesClusters unreachable =
        KubernetesClusters.create(
            List.of(
                new ClusterSettings(
                    "gone",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(closed),
                    Duration.ofSeconds(2))))) {
      ClusterException failure =
          catchThrowableOfType(
              ClusterException.class, () -> unreachable.cluster("gone").orElseThrow().get(WEB));

      assertThat(failure.status()).isZero();
      assertThat(failure.getMessage())
          .contains("cannot get Deployment shop/web on cluster gone", "no answer from the API");
    }
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  private static void assertCarriesNoToken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN).doesNotContain("Bearer");
    }
  }

  /** A loopback URL nothing listens on: the port was just free. */
  static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }
  }
}
