package dev.warden.core.policy;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Target;
import java.util.ArrayList;
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

  /** Whether every present criterion holds for the action. */
  public boolean matches(ProposedAction action) {
    Target target = action.target();
    return any(actions, Optional.of(action.kind()))
        && any(namespaces, target.namespace())
        && any(clusters, target.cluster())
        && any(repos, target.repo())
        && any(targetKinds, target.kind())
        && labelsMatch(target.labels())
        && readOnly.map(wanted -> wanted == isReadOnly(action)).orElse(true);
  }

  /** Why the action matches, criterion by criterion, for explanations. */
  public String explain(ProposedAction action) {
    Target target = action.target();
    List<String> why = new ArrayList<>();
    describe(why, "kind", actions, Optional.of(action.kind()));
    describe(why, "namespace", namespaces, target.namespace());
    describe(why, "cluster", clusters, target.cluster());
    describe(why, "repo", repos, target.repo());
    describe(why, "target kind", targetKinds, target.kind());
    labels.forEach(
        (name, glob) ->
            why.add("label " + name + "=" + target.labels().get(name) + " matches '" + glob + "'"));
    readOnly.ifPresent(
        wanted -> why.add(wanted ? "the kind is read-only" : "the kind is not read-only"));
    return why.isEmpty() ? "matches every action" : String.join("; ", why);
  }

  private static boolean isReadOnly(ProposedAction action) {
    return action.knownKind().map(kind -> kind.readOnly()).orElse(false);
  }

  private static boolean any(List<Glob> globs, Optional<String> value) {
    if (globs.isEmpty()) {
      return true;
    }
    if (value.isEmpty()) {
      return false;
    }
    String text = value.get();
    for (Glob glob : globs) {
      if (glob.matches(text)) {
        return true;
      }
    }
    return false;
  }

  private boolean labelsMatch(Map<String, String> present) {
    for (Map.Entry<String, Glob> wanted : labels.entrySet()) {
      String value = present.get(wanted.getKey());
      if (value == null || !wanted.getValue().matches(value)) {
        return false;
      }
    }
    return true;
  }

  private static void describe(
      List<String> why, String what, List<Glob> globs, Optional<String> value) {
    if (globs.isEmpty()) {
      return;
    }
    String text = value.orElseThrow();
    globs.stream()
        .filter(glob -> glob.matches(text))
        .findFirst()
        .ifPresent(glob -> why.add(what + " " + text + " matches '" + glob + "'"));
  }
}
