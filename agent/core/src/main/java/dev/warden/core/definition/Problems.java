package dev.warden.core.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one or more definition files, so that all of them are reported at once.
 * Not thread-safe: one collector per load.
 */
public final class Problems {
  /** By file, then line, then column; problems at the same place keep the order they came in. */
  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column);

  private final List<Problem> problems = new ArrayList<>();

  public void add(Problem problem) {
    problems.add(problem);
  }

  public void addAll(Collection<Problem> more) {
    problems.addAll(more);
  }

  public void error(String file, Location location, String message) {
    add(Problem.error(file, location, message));
  }

  public void warning(String file, Location location, String message) {
    add(Problem.warning(file, location, message));
  }

  /** Whether any problem is an error (warnings do not count). */
  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** Every problem so far, sorted by file, line and column. */
  public List<Problem> sorted() {
    return problems.stream().sorted(ORDER).toList();
  }
}
