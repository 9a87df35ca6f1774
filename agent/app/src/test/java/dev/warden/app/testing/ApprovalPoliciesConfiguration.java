package dev.warden.app.testing;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.Origin;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Policies for tests, built in code: a rollout restart needs one approval by {@value #APPROVER},
 * and the request stands for {@code test.approval-ttl} (2s unless set). Replaces the policy
 * repository's set as the gate's {@code Supplier<PolicySet>}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApprovalPoliciesConfiguration {
  /** The one person who may approve. */
  public static final String APPROVER = "U-APPROVER";

  /** A rollout restart that these policies send to approval, requested by {@code U-REQUESTER}. */
  public static ProposedAction restart() {
    return new ProposedAction(
        "kubernetes.rollout-restart",
        Target.kubernetes("default", "prod-payments", "Deployment", "api"),
        Map.of(),
        Map.of("pods", 6L),
        Requester.person("U-REQUESTER"),
        Optional.empty(),
        false);
  }

  @Bean
  @Primary
  Supplier<PolicySet> approvalPolicies(@Value("${test.approval-ttl:2s}") Duration ttl) {
    Rule rule =
        new Rule(
            "restarts-need-approval",
            Optional.of("a test rule"),
            Match.actions("kubernetes.rollout-restart"),
            Optional.empty(),
            Level.APPROVE_FIRST,
            Optional.of(new ApprovalRequirement(List.of(APPROVER), 1, ttl)),
            false,
            Origin.inCode("test"));
    PolicySet set = new PolicySet(List.of(rule), Map.of(), List.of(), Optional.empty(), "test");
    return () -> set;
  }
}
