package dev.warden.core.chat.command;

import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Directory;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.policy.Approver;
import dev.warden.core.policy.PolicySet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code approvals}, {@code approve <id>} and {@code deny <id> [reason]}. Votes go to the gate,
 * which checks them against the current policies; the list shows the requests whose stored
 * requirement names the person, which they did not ask for and have not voted on yet. (The gate
 * decides a vote against the requirement the current policies give; after a policy change the two
 * can differ, and the gate's answer is the one that counts.)
 */
final class ApprovalCommands {
  private static final String HASH_PREFIX = "sha256:";

  private final ApprovalStore approvals;
  private final ActionGate gate;
  private final Supplier<PolicySet> policies;
  private final Directory directory;
  private final Clock clock;
  private final Markup markup;

  ApprovalCommands(
      ApprovalStore approvals,
      ActionGate gate,
      Supplier<PolicySet> policies,
      Directory directory,
      Clock clock,
      Markup markup) {
    this.approvals = approvals;
    this.gate = gate;
    this.policies = policies;
    this.directory = directory;
    this.clock = clock;
    this.markup = markup;
  }

  /** The pending requests {@code userId} may approve now, oldest first. */
  List<ApprovalRequest> approvableBy(String userId) {
    List<ApprovalRequest> pending = approvals.pending();
    if (pending.isEmpty()) {
      return pending;
    }
    PolicySet set = policies.get();
    Approver approver = new Approver(userId, directory.membershipsOf(userId));
    Instant now = clock.instant();
    return pending.stream()
        .filter(request -> !request.expiredAt(now))
        .filter(request -> !askedBy(request, userId))
        .filter(request -> request.votes().stream().noneMatch(v -> v.approverId().equals(userId)))
        .filter(request -> set.authorises(request.requirement(), approver))
        .toList();
  }

  /** {@code approvals}. */
  Answer list(Invocation invocation) {
    if (!invocation.args().isEmpty()) {
      return invocation.usage(Syntax.APPROVALS, "`approvals` takes no arguments.");
    }
    List<ApprovalRequest> mine = approvableBy(invocation.userId());
    if (mine.isEmpty()) {
      return Answer.now("No pending approval requests for you.");
    }
    StringBuilder text =
        new StringBuilder("*Pending approval requests you may approve* (")
            .append(mine.size())
            .append(")");
    for (ApprovalRequest request : mine) {
      text.append("\n• ").append(describe(request));
    }
    text.append("\nApprove with ")
        .append(Syntax.APPROVE.line(invocation.command()))
        .append("\nDeny with ")
        .append(Syntax.DENY.line(invocation.command()));
    return Answer.now(text.toString());
  }

  /** {@code approve <id>}. */
  Answer approve(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.size() != 1) {
      return invocation.usage(Syntax.APPROVE, "`approve` takes the request's id, and only it.");
    }
    String id = args.get(0);
    if (!Arguments.requestId(id)) {
      return invocation.usage(Syntax.APPROVE, markup.code(id) + " is not a request id.");
    }
    String user = invocation.userId();
    return Answer.later(
        "approve `" + id + "`",
        () -> {
          // the action shown to the person is the stored one: its hash is what they approve
          String hash = approvals.find(id).map(ApprovalRequest::actionHash).orElse("");
          return Answer.Reply.ephemeral(outcome(id, gate.approve(id, user, hash)));
        });
  }

  /** {@code deny <id> [reason]}. */
  Answer deny(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.isEmpty()) {
      return invocation.usage(Syntax.DENY, "`deny` needs the request's id.");
    }
    String id = args.get(0);
    if (!Arguments.requestId(id)) {
      return invocation.usage(Syntax.DENY, markup.code(id) + " is not a request id.");
    }
    String reason = Arguments.reason(args.subList(1, args.size()));
    String user = invocation.userId();
    return Answer.later(
        "deny `" + id + "`",
        () ->
            Answer.Reply.ephemeral(
                outcome(id, gate.deny(id, user, reason.isEmpty() ? "no reason given" : reason))));
  }

  /** The gate's answer to a vote, in words. */
  private String outcome(String id, VoteOutcome outcome) {
    String request = "`" + id + "`";
    if (outcome instanceof VoteOutcome.Counted counted) {
      return "Your approval of " + request + " is counted: " + counted.progress() + ".";
    }
    if (outcome instanceof VoteOutcome.Executed executed) {
      return "Approved "
          + request
          + "; it ran"
          + (executed.result().succeeded() ? "" : " and failed")
          + ": "
          + markup.text(executed.result().summary());
    }
    if (outcome instanceof VoteOutcome.Denied) {
      return "Denied " + request + ".";
    }
    VoteOutcome.Refused refused = (VoteOutcome.Refused) outcome;
    return "Refused ("
        + refused.refusal().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + "): "
        + markup.text(refused.message());
  }

  /** One request on one line: id, action, progress, who asked, expiry, hash. */
  private String describe(ApprovalRequest request) {
    Requester requester = request.action().requester();
    StringBuilder line =
        new StringBuilder()
            .append('`')
            .append(request.id())
            .append("` ")
            .append(markup.code(request.action().kind()))
            .append(target(request.action().target()))
            .append(" – ")
            .append(request.approvals())
            .append(" of ")
            .append(request.requirement().min())
            .append(" approvals")
            .append(request.rule().map(rule -> " (rule " + markup.code(rule) + ")").orElse(""))
            .append(", asked by ")
            .append(
                requester.type() == Requester.Type.PERSON
                    ? markup.user(requester.id())
                    : requester.type().wireName() + " " + markup.code(requester.id()))
            .append(", expires ")
            .append(Markup.time(request.expiresAt()))
            .append(", hash `")
            .append(shortHash(request.actionHash()))
            .append('`');
    request
        .action()
        .parameters()
        .forEach(
            (key, value) ->
                line.append("\n    ")
                    .append(markup.text(key))
                    .append(": ")
                    .append(markup.code(String.valueOf(value))));
    return line.toString();
  }

  private String target(Target target) {
    String where =
        target.cluster().map(cluster -> cluster + ":").orElse("")
            + target.namespace().map(namespace -> namespace + "/").orElse("")
            + target.kind().map(kind -> kind + "/").orElse("")
            + target.name().orElse("");
    return where.isEmpty() ? "" : " on " + markup.code(where);
  }

  private static boolean askedBy(ApprovalRequest request, String userId) {
    Requester requester = request.action().requester();
    return requester.type() == Requester.Type.PERSON && requester.id().equals(userId);
  }

  /** The first 12 hex digits of an action hash: enough to tell two actions apart. */
  private static String shortHash(String hash) {
    String hex = hash.startsWith(HASH_PREFIX) ? hash.substring(HASH_PREFIX.length()) : hash;
    return Markup.escape(hex.substring(0, Math.min(12, hex.length())));
  }
}
