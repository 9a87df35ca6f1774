package dev.warden.core.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the policy files say, validated and compiled: the rules in file order, the named
 * approver groups, the change freezes and the default approvals. Immutable; a reload builds a new
 * one.
 *
 * @param rules in the order of their files (sorted by name) and of the rules within each
 * @param groups named approver groups: name (without {@code @}) to approver references
 * @param freezes change freezes
 * @param defaultApprovals who approves when a built-in guard lowers an autonomous decision to
 *     approve-first (a tainted mutation); without it such actions are passive
 * @param version a digest of the files' contents, recorded with each decision
 */
public record PolicySet(
    List<Rule> rules,
    Map<String, List<String>> groups,
    List<Freeze> freezes,
    Optional<ApprovalRequirement> defaultApprovals,
    String version) {
  public PolicySet {
    rules = List.copyOf(rules);
    groups = Map.copyOf(groups);
    freezes = List.copyOf(freezes);
    Objects.requireNonNull(defaultApprovals, "defaultApprovals");
    Objects.requireNonNull(version, "version");
  }

  /** No rules at all: every action is passive. */
  public static PolicySet empty() {
    return new PolicySet(List.of(), Map.of(), List.of(), Optional.empty(), "empty");
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
}
