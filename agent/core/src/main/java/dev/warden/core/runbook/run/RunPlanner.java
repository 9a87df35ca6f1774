package dev.warden.core.runbook.run;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.GlobalFreeze;
import dev.warden.core.policy.PolicyEngine;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Situation;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.Step;
import dev.warden.core.runbook.Template;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Plans a run without running anything: every step rendered for the alert and decided by the
 * current policies, as {@code ./warden runbook plan} shows it. Outputs of earlier steps are not
 * known before the run and appear as {@code <steps.ID.output.NAME>}.
 */
public final class RunPlanner {
  private final PolicyEngine engine = new PolicyEngine();
  private final Supplier<PolicySet> policies;
  private final Supplier<Optional<GlobalFreeze>> freeze;
  private final Clock clock;
  private final Function<ProposedAction, Optional<String>> commands;

  /**
   * @param freeze the global freeze switch's state now
   * @param commands the equivalent command of an action for a person, if any
   */
  public RunPlanner(
      Supplier<PolicySet> policies,
      Supplier<Optional<GlobalFreeze>> freeze,
      Clock clock,
      Function<ProposedAction, Optional<String>> commands) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.freeze = Objects.requireNonNull(freeze, "freeze");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  /**
   * The plan of a run of {@code runbook} for {@code alert}.
   *
   * @throws Template.RenderException when the alert lacks a label or annotation a parameter needs
   */
  public RunPlan plan(
      Runbook runbook, AlertInput alert, Optional<String> cluster, Requester requester) {
    Map<String, String> params = runbook.renderParams(alert.labels(), alert.annotations());
    Template.Values values =
        reference ->
            switch (reference.root()) {
              case LABELS -> alert.labels().get(reference.name());
              case ANNOTATIONS -> alert.annotations().get(reference.name());
              case PARAMS -> params.get(reference.name());
              case STEPS -> "<" + reference + ">";
            };
    Situation situation = new Situation(clock.instant(), freeze.get());
    PolicySet set = policies.get();
    List<RunPlan.Planned> planned = new ArrayList<>();
    List<Step> all = runbook.allSteps();
    for (int i = 0; i < all.size(); i++) {
      Step step = all.get(i);
      Map<String, Object> parameters = step.render(values);
      ProposedAction action =
          StepActions.action(
              runbook,
              step,
              parameters,
              Optional.empty(),
              cluster,
              alert.labels(),
              requester,
              Optional.empty());
      Decision decision = engine.decide(set, action, situation);
      planned.add(
          new RunPlan.Planned(
              step.id(),
              i >= runbook.steps().size(),
              step.action(),
              parameters,
              decision,
              commands.apply(action)));
    }
    return new RunPlan(runbook.name(), params, planned);
  }
}
