package dev.warden.core.policy;

import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structural part of a rule: which actions it is about. Every criterion that is present must
 * hold; within a list, any glob may match. A criterion about a part of the target the action does
 * not have (a namespace for a pull-request comment) does not hold.
 *
 * @param actions globs over the action kind ({@code kubernetes.*}); empty means any
 * @param namespaces globs over the target namespace
 * @param clusters globs over the target cluster
 * @param repos globs over the target repository ({@code acme/*})
 * @param targetKinds globs over the target's object kind ({@code Deployment})
 * @param labels target labels that must be present, each value a glob
 * @param readOnly when present, whether the action's kind must (or must not) be read-only
 */
public record Match(
    List<Glob> actions,
    List<Glob> namespaces,
    List<Glob> clusters,
    List<Glob> repos,
    List<Glob> targetKinds,
    Map<String, Glob> labels,
    Optional<Boolean> readOnly) {
  public Match {
    actions = List.copyOf(actions);
    namespaces = List.copyOf(namespaces);
    clusters = List.copyOf(clusters);
    repos = List.copyOf(repos);
    targetKinds = List.copyOf(targetKinds);
    labels = Map.copyOf(labels);
  }

  /** Matches every action. */
  public static Match any() {
    return new Match(
        List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Optional.empty());
  }

  /** Matches the given kinds, anywhere. */
  public static Match actions(String... globs) {
    return new Match(
        List.of(globs).stream().map(Glob::of).toList(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Whether every present criterion holds for the action. On the engine's hot path: no allocation.
   */
  public boolean matches(ProposedAction action) {
    Target target = action.target();
    return any(actions, action.kind())
        && any(namespaces, target.namespace().orElse(null))
        && any(clusters, target.cluster().orElse(null))
        && any(repos, target.repo().orElse(null))
        && any(targetKinds, target.kind().orElse(null))
        && labelsMatch(target.labels())
        && (readOnly.isEmpty() || readOnly.get() == isReadOnly(action));
  }

  /** Why the action matches, criterion by criterion, for explanations. */
  public String explain(ProposedAction action) {
    Target target = action.target();
    StringBuilder why = new StringBuilder();
    describe(why, "kind", actions, action.kind());
    describe(why, "namespace", namespaces, target.namespace().orElse(null));
    describe(why, "cluster", clusters, target.cluster().orElse(null));
    describe(why, "repo", repos, target.repo().orElse(null));
    describe(why, "target kind", targetKinds, target.kind().orElse(null));
    for (Map.Entry<String, Glob> label : labels.entrySet()) {
      separate(why)
          .append("label ")
          .append(label.getKey())
          .append('=')
          .append(target.labels().get(label.getKey()))
          .append(" matches '")
          .append(label.getValue())
          .append('\'');
    }
    if (readOnly.isPresent()) {
      separate(why).append(readOnly.get() ? "the kind is read-only" : "the kind is not read-only");
    }
    return why.length() == 0 ? "matches every action" : why.toString();
  }

  private static boolean isReadOnly(ProposedAction action) {
    return action.knownKind().map(ActionKind::readOnly).orElse(false);
  }

  private static boolean any(List<Glob> globs, String value) {
    if (globs.isEmpty()) {
      return true;
    }
    if (value == null) {
      return false;
    }
    for (int i = 0; i < globs.size(); i++) {
      if (globs.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }

  private boolean labelsMatch(Map<String, String> present) {
    if (labels.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Glob> wanted : labels.entrySet()) {
      String value = present.get(wanted.getKey());
      if (value == null || !wanted.getValue().matches(value)) {
        return false;
      }
    }
    return true;
  }

  private static void describe(StringBuilder why, String what, List<Glob> globs, String value) {
    for (Glob glob : globs) {
      if (glob.matches(value)) {
        separate(why)
            .append(what)
            .append(' ')
            .append(value)
            .append(" matches '")
            .append(glob)
            .append('\'');
        return;
      }
    }
  }

  private static StringBuilder separate(StringBuilder why) {
    return why.length() == 0 ? why : why.append("; ");
  }
}
