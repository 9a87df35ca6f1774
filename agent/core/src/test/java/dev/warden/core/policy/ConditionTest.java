package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");

  private static Map<String, Object> vars(Map<String, Object> action) {
    return Map.of("action", action, "now", MONDAY_NOON);
  }

  @Test
  void comparesWidenedNumbersAndNestedMaps() {
    Condition condition = Condition.compile("action.blastRadius.pods <= 5");
    assertThat(condition.test(vars(Map.of("blastRadius", Map.of("pods", 5L))))).isTrue();
    assertThat(condition.test(vars(Map.of("blastRadius", Map.of("pods", 6L))))).isFalse();
  }

  @Test
  void readsTheTimeInAZone() {
    assertThat(Condition.compile("now.getHours('Europe/Berlin') == 13").test(vars(Map.of())))
        .isTrue();
    assertThat(Condition.compile("now.getDayOfWeek('UTC') == 1").test(vars(Map.of()))).isTrue();
  }

  @Test
  void aMissingKeyFailsInsteadOfAnsweringFalse() {
    Condition condition = Condition.compile("action.blastRadius.pods <= 5");
    assertThatThrownBy(() -> condition.test(vars(Map.of("blastRadius", Map.of()))))
        .isInstanceOf(ConditionFailedException.class)
        .hasMessageContaining("pods");
  }

  @Test
  void hasTellsAnOptionalFieldApartAndTheMacrosWork() {
    Condition reason =
        Condition.compile("has(action.parameters.reason) && action.parameters.reason != ''");
    assertThat(reason.test(vars(Map.of("parameters", Map.of("reason", "drill"))))).isTrue();
    assertThat(reason.test(vars(Map.of("parameters", Map.of())))).isFalse();

    Condition pods = Condition.compile("action.pods.all(p, p.startsWith('web-'))");
    assertThat(pods.test(vars(Map.of("pods", List.of("web-1", "web-2"))))).isTrue();
    assertThat(pods.test(vars(Map.of("pods", List.of("web-1", "db-0"))))).isFalse();
    assertThat(
            Condition.compile("action.pods.exists(p, p == 'db-0')")
                .test(vars(Map.of("pods", List.of("web-1", "db-0")))))
        .isTrue();
  }

  @Test
  void aComprehensionIsCappedAtAThousandIterations() {
    Condition all = Condition.compile("action.items.all(i, i >= 0)");
    List<Long> many = Collections.nCopies(1_001, 1L);
    assertThatThrownBy(() -> all.test(vars(Map.of("items", many))))
        .isInstanceOf(ConditionFailedException.class);
    assertThat(all.test(vars(Map.of("items", Collections.nCopies(1_000, 1L))))).isTrue();
  }

  @Test
  void reportsCompileErrorsWithTheirColumn() {
    assertThatThrownBy(() -> Condition.compile("action.kind == "))
        .isInstanceOfSatisfying(
            InvalidConditionException.class,
            e ->
                assertThat(e.issues())
                    .first()
                    .satisfies(issue -> assertThat(issue.line()).isEqualTo(1)));
    assertThatThrownBy(() -> Condition.compile("'yes'"))
        .isInstanceOf(InvalidConditionException.class);
    assertThatThrownBy(() -> Condition.compile("nope == 1"))
        .isInstanceOf(InvalidConditionException.class)
        .hasMessageContaining("nope");
  }
}
