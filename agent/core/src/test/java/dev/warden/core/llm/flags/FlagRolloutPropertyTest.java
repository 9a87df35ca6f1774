package dev.warden.core.llm.flags;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A rollout is a stable function of the scope: the same repository or channel gets the same answer
 * from every reading of the same file, and widening a rollout never takes a feature away from a
 * scope that had it.
 */
class FlagRolloutPropertyTest {

  private static FlagSet review(int rollout) {
    FlagSet.Parsed parsed =
        FlagSet.parse(
            "flags.yaml",
            "features:\n  review:\n    enabled: true\n    rollout: " + rollout + "\n");
    assertThat(parsed.problems()).isEmpty();
    return parsed.flags().orElseThrow();
  }

  @Provide
  Arbitrary<String> scopes() {
    Arbitrary<String> name =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(
        Combinators.combine(name, name).as((owner, repo) -> owner + "/" + repo),
        name.map(channel -> "#" + channel),
        Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(9).map(id -> "C" + id));
  }

  @Property
  void sameScopeGetsTheSameAnswerFromTwoReadingsOfTheFile(
      @ForAll("scopes") String scope, @ForAll @IntRange(min = 0, max = 100) int rollout) {
    FlagSet first = review(rollout);
    FlagSet second = review(rollout);

    assertThat(first).isNotSameAs(second);
    assertThat(second.enabled("review", scope)).isEqualTo(first.enabled("review", scope));
    assertThat(second.decide("review", scope)).isEqualTo(first.decide("review", scope));
  }

  @Property
  void aScopeIsOnExactlyWhenItsBucketIsBelowTheRollout(
      @ForAll("scopes") String scope, @ForAll @IntRange(min = 0, max = 100) int rollout) {
    int bucket = FlagSet.bucket("review", scope);

    assertThat(bucket).isBetween(0, 99);
    assertThat(review(rollout).enabled("review", scope)).isEqualTo(bucket < rollout);
  }

  @Property
  void wideningARolloutKeepsEveryScopeThatWasOn(
      @ForAll("scopes") String scope,
      @ForAll @IntRange(min = 0, max = 100) int from,
      @ForAll @IntRange(min = 0, max = 100) int to) {
    int narrow = Math.min(from, to);
    int wide = Math.max(from, to);

    if (review(narrow).enabled("review", scope)) {
      assertThat(review(wide).enabled("review", scope)).isTrue();
    }
  }
}
