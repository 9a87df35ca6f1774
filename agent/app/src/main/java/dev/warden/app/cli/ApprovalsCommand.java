package dev.warden.app.cli;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.RunbookEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code warden approvals}: the pending approval requests, and votes on them from a terminal. The
 * voter's identity is what {@code --as} says: the command trusts whoever may run it on the server
 * and reach its database, as the policy files do. The policy's checks all apply (the voter must be
 * an approver of the rule, not the requester, and have seen the exact action: {@code --hash}).
 */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = "List pending approval requests; approve or deny one.",
    subcommands = {
      ApprovalsCommand.ListPending.class,
      ApprovalsCommand.Approve.class,
      ApprovalsCommand.Deny.class
    })
class ApprovalsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The first 12 hex digits of an action hash ({@code sha256:...}): enough to name it. */
  static String shortHash(String hash) {
    String hex = hash.startsWith(HASH_PREFIX) ? hash.substring(HASH_PREFIX.length()) : hash;
    return hex.substring(0, Math.min(12, hex.length()));
  }

  private static final String HASH_PREFIX = "sha256:";

  /** {@code warden approvals list}: one block per pending request, oldest first. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the pending approval requests, oldest first.")
  static class ListPending implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = ServerContext.start(spec, springArgs)) {
        List<ApprovalRequest> pending = context.getBean(ApprovalStore.class).pending();
        if (pending.isEmpty()) {
          out.println("no pending approval requests");
        }
        for (ApprovalRequest request : pending) {
          out.println(
              request.id()
                  + "  "
                  + request.action().kind()
                  + " "
                  + target(request)
                  + "  hash "
                  + shortHash(request.actionHash()));
          out.println(
              "    "
                  + request.approvals()
                  + " of "
                  + request.requirement().min()
                  + " approvals from "
                  + String.join(", ", request.requirement().approvers())
                  + request.rule().map(rule -> " (rule " + rule + ")").orElse("")
                  + ", expires "
                  + request.expiresAt()
                  + ", asked by "
                  + request.action().requester().type().wireName()
                  + " "
                  + request.action().requester().id());
          request
              .action()
              .parameters()
              .forEach((key, value) -> out.println("    " + key + ": " + value));
          request
              .preview()
              .ifPresent(preview -> preview.lines().forEach(line -> out.println("    | " + line)));
        }
        out.flush();
        return 0;
      }
    }

    private static String target(ApprovalRequest request) {
      var target = request.action().target();
      return target.cluster().map(cluster -> cluster + ":").orElse("")
          + target.namespace().map(namespace -> namespace + "/").orElse("")
          + target.kind().map(kind -> kind + "/").orElse("")
          + target.name().orElse("");
    }
  }

  /** What approve and deny share: the request, the voter, the Spring properties. */
  abstract static class Vote implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The approval request's id.")
    String id;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "USER",
        description = "Who votes: a Slack user id named by the policy's approvers.")
    String as;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = ServerContext.start(spec, springArgs)) {
        ActionGate gate = context.getBean(ActionGate.class);
        Optional<ApprovalRequest> request = context.getBean(ApprovalStore.class).find(id);
        VoteOutcome outcome = vote(gate, request);
        out.println(describe(outcome));
        // a runbook step's request: carry its run on as far as it goes now, before this process
        // ends (a server on the same database would, too)
        context
            .getBean(RunStore.class)
            .findByRequest(id)
            .ifPresent(step -> context.getBean(RunbookEngine.class).advance(step.runId()));
        out.flush();
        return outcome instanceof VoteOutcome.Refused ? 1 : 0;
      }
    }

    abstract VoteOutcome vote(ActionGate gate, Optional<ApprovalRequest> request);

    private static String describe(VoteOutcome outcome) {
      if (outcome instanceof VoteOutcome.Counted counted) {
        return "approval counted: " + counted.progress();
      } else if (outcome instanceof VoteOutcome.Executed executed) {
        return "approved; it ran: " + executed.result().summary();
      } else if (outcome instanceof VoteOutcome.Denied) {
        return "denied";
      }
      VoteOutcome.Refused refused = (VoteOutcome.Refused) outcome;
      return "refused ("
          + refused.refusal().name().toLowerCase(java.util.Locale.ROOT)
          + "): "
          + refused.message();
    }
  }

  /** {@code warden approvals approve ID --hash HASH --as USER}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approve a request. --hash is the action's hash as listed (12 characters are enough):",
        "the approval counts only for the exact action you looked at.",
        "Exit 0 when counted or run, 1 when refused."
      })
  static class Approve extends Vote {
    @Option(
        names = "--hash",
        required = true,
        paramLabel = "HASH",
        description = "The hash of the action you approve, from approvals list.")
    String hash;

    @Override
    VoteOutcome vote(ActionGate gate, Optional<ApprovalRequest> request) {
      String presented =
          request
              .map(ApprovalRequest::actionHash)
              .filter(
                  full ->
                      hash.length() >= 12
                          && (full.startsWith(hash) || full.startsWith(HASH_PREFIX + hash)))
              .orElse(hash);
      return gate.approve(id, as, presented);
    }
  }

  /** {@code warden approvals deny ID --as USER [--reason TEXT]}. */
  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description = {"Deny a request: one denial ends it. Exit 0 when denied, 1 when refused."})
  static class Deny extends Vote {
    @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    VoteOutcome vote(ActionGate gate, Optional<ApprovalRequest> request) {
      return gate.deny(id, as, reason);
    }
  }
}
