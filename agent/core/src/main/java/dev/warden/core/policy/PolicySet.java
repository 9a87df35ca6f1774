package dev.warden.core.policy;

import dev.warden.core.action.ActionKinds;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the policy files say, validated and compiled: the rules in file order, the named
 * approver groups, the change freezes and the default approvals. Immutable; a reload builds a new
 * one.
 *
 * <p>A class rather than a record for one reason: it keeps, per known action kind, the rules whose
 * {@code actions} globs can match that kind, built on first use, so that deciding against a large
 * set skips the rules about other kinds without looking at them.
 */
public final class PolicySet {
  private final List<Rule> rules;
  private final Map<String, List<String>> groups;
  private final List<Freeze> freezes;
  private final Optional<ApprovalRequirement> defaultApprovals;
  private final String version;
  private final Map<String, List<Rule>> rulesByKind = new ConcurrentHashMap<>();

  /**
   * @param rules in the order of their files (sorted by name) and of the rules within each
   * @param groups named approver groups: name (without {@code @}) to approver references
   * @param freezes change freezes
   * @param defaultApprovals who approves when a built-in guard lowers an autonomous decision to
   *     approve-first (a tainted mutation); without it such actions are passive
   * @param version a digest of the files' contents, recorded with each decision
   */
  public PolicySet(
      List<Rule> rules,
      Map<String, List<String>> groups,
      List<Freeze> freezes,
      Optional<ApprovalRequirement> defaultApprovals,
      String version) {
    this.rules = List.copyOf(rules);
    this.groups = Map.copyOf(groups);
    this.freezes = List.copyOf(freezes);
    this.defaultApprovals = Objects.requireNonNull(defaultApprovals, "defaultApprovals");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** No rules at all: every action is passive. */
  public static PolicySet empty() {
    return new PolicySet(List.of(), Map.of(), List.of(), Optional.empty(), "empty");
  }

  /** Every rule, in policy order. */
  public List<Rule> rules() {
    return rules;
  }

  public Map<String, List<String>> groups() {
    return groups;
  }

  public List<Freeze> freezes() {
    return freezes;
  }

  public Optional<ApprovalRequirement> defaultApprovals() {
    return defaultApprovals;
  }

  public String version() {
    return version;
  }

  /**
   * The rules that can match an action of that kind, in policy order: those without {@code actions}
   * globs and those with one that matches the kind. Remembered for the kinds of the catalogue; for
   * any other kind (which the caller does not control) every rule.
   */
  public List<Rule> candidates(String kind) {
    if (ActionKinds.find(kind).isEmpty()) {
      return rules;
    }
    return rulesByKind.computeIfAbsent(
        kind,
        known ->
            rules.stream()
                .filter(
                    rule ->
                        rule.match().actions().isEmpty()
                            || rule.match().actions().stream()
                                .anyMatch(glob -> glob.matches(known)))
                .toList());
  }

  /** The rule of that name. */
  public Optional<Rule> rule(String name) {
    return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
  }

  /** Whether {@code approver} is one of the approvers the requirement names, groups expanded. */
  public boolean authorises(ApprovalRequirement requirement, Approver approver) {
    return expand(requirement.approvers()).stream()
        .anyMatch(
            reference ->
                reference.equals(approver.userId()) || approver.memberships().contains(reference));
  }

  /** The references with every {@code @group} replaced by its members. */
  public Set<String> expand(List<String> references) {
    Set<String> expanded = new HashSet<>();
    for (String reference : references) {
      if (reference.startsWith("@")) {
        expanded.addAll(groups.getOrDefault(reference.substring(1), List.of()));
      } else {
        expanded.add(reference);
      }
    }
    return expanded;
  }

  @Override
  public String toString() {
    return "PolicySet[" + rules.size() + " rules, version " + version + "]";
  }
}
