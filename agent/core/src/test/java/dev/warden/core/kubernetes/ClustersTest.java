package dev.warden.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.InMemoryCluster;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClustersTest {
  private final InMemoryCluster prod = new InMemoryCluster("prod");
  private final InMemoryCluster staging = new InMemoryCluster("staging");
  private final Clusters clusters = new Clusters(List.of(staging, prod), "prod");

  @Test
  void noNameIsTheDefaultAndANameIsThatCluster() {
    assertThat(clusters.resolve(Optional.empty())).isSameAs(prod);
    assertThat(clusters.resolve(Optional.of(""))).isSameAs(prod);
    assertThat(clusters.resolve(Optional.of("staging"))).isSameAs(staging);
    assertThat(clusters.names()).containsExactlyInAnyOrder("prod", "staging");
  }

  @Test
  void anUnknownNameIsAnErrorNamingTheKnownClustersNeverTheDefault() {
    assertThatThrownBy(() -> clusters.resolve(Optional.of("qa")))
        .isInstanceOfSatisfying(
            UnknownClusterException.class,
            e -> {
              assertThat(e.cluster()).isEqualTo("qa");
              assertThat(e.known()).containsExactly("prod", "staging");
            })
        .hasMessage(
            "unknown cluster 'qa'; the configured clusters are prod, staging (default prod)");
  }

  @Test
  void namesAreUniqueAndTheDefaultIsOneOfThem() {
    assertThatThrownBy(() -> new Clusters(List.of(prod, new InMemoryCluster("prod")), "prod"))
        .hasMessage("cluster name 'prod' is used twice");
    assertThatThrownBy(() -> new Clusters(List.of(prod), "dev"))
        .hasMessage("the default cluster 'dev' is not among the clusters prod");
  }
}
