package dev.warden.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void printsAsFileLineColumnAndMarksWarnings() {
    assertThat(Problem.error("p/a.yaml", new Location(3, 7), "bad").toString())
        .isEqualTo("p/a.yaml:3:7: bad");
    assertThat(Problem.warning("p/a.yaml", new Location(1, 1), "odd").toString())
        .isEqualTo("p/a.yaml:1:1: warning: odd");
  }

  @Test
  void sortsByFileThenLineThenColumnKeepingTheOrderOfTies() {
    Problems problems = new Problems();
    problems.error("b.yaml", new Location(1, 1), "b");
    problems.error("a.yaml", new Location(2, 1), "a2");
    problems.warning("a.yaml", new Location(1, 9), "a1-9");
    problems.error("a.yaml", new Location(1, 3), "a1-3 first");
    problems.error("a.yaml", new Location(1, 3), "a1-3 second");

    assertThat(problems.sorted())
        .extracting(Problem::message)
        .containsExactly("a1-3 first", "a1-3 second", "a1-9", "a2", "b");
    assertThat(problems.hasErrors()).isTrue();
  }

  @Test
  void warningsAloneAreNotErrors() {
    Problems problems = new Problems();
    problems.warning("a.yaml", Location.START, "odd");

    assertThat(problems.hasErrors()).isFalse();
  }

  @Test
  void linesAndColumnsStartAtOne() {
    assertThatThrownBy(() -> new Location(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line and column are 1-based, not 0:1");
  }
}
