package dev.warden.core.chat.approval;

import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.Vote;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an approval request looks like in chat. The pending form shows the action (kind and what it
 * does, target, parameters, the dry run's preview), the rule that asked for approval, who may
 * approve, the approvals so far and needed, when it expires, the requester and the action's hash,
 * with Approve, Deny and Details buttons whose value is the request id and nothing else. The
 * decided form shows the same facts without buttons and says who decided and when.
 *
 * <p>Parameters, target and preview come from alerts, clusters and models: every such text is
 * redacted, stripped of chat markup and shortened to fit the chat's limits (3000 characters a
 * section); Details shows them in full, redacted. Pure: the same request renders the same message.
 */
public final class ApprovalMessage {
  private static final int PART_LIMIT = 120;
  private static final int PARAMETER_LIMIT = 120;
  private static final int SHOWN_PARAMETERS = 20;
  private static final int SHOWN_MEMBERS = 20;
  private static final int DETAIL_PIECES = 20;
  private static final int SHORT_HASH = "sha256:".length() + 12;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ChatText text;

  /** Renders with {@code redactor} removing secrets from every text. */
  public ApprovalMessage(Redactor redactor) {
    this.text = new ChatText(Objects.requireNonNull(redactor, "redactor"));
  }

  /**
   * The message asking for approval of a pending request.
   *
   * @param policies the current policies, to list the members of the {@code @groups} that may
   *     approve; empty to show the groups' names only
   */
  public ChatMessage pending(ApprovalRequest request, Optional<PolicySet> policies) {
    List<Block> blocks = facts(request, policies, "Approval needed");
    blocks.add(
        new Block.Actions(
            List.of(
                new Block.Button(ChatActions.APPROVE, "Approve", request.id(), Block.Style.PRIMARY),
                new Block.Button(ChatActions.DENY, "Deny", request.id(), Block.Style.DANGER),
                new Block.Button(
                    ChatActions.DETAILS, "Details", request.id(), Block.Style.DEFAULT))));
    String fallback =
        "Approval needed: "
            + summary(request)
            + " ("
            + request.approvals()
            + " of "
            + request.requirement().min()
            + " approvals)";
    return new ChatMessage(text.redact(fallback), blocks);
  }

  /**
   * The message of a request that no longer takes votes: the same facts, no buttons, and who
   * decided and when.
   *
   * @param result what the execution returned, when the caller has it (the request's note has its
   *     summary once the request is executed)
   */
  public ChatMessage decided(
      ApprovalRequest request, Optional<PolicySet> policies, Optional<ExecutionResult> result) {
    List<Block> blocks = facts(request, policies, headline(request.state()));
    String decision = decision(request, result);
    blocks.add(new Block.Context(section(decision)));
    String fallback = headline(request.state()) + ": " + summary(request) + ". " + decision;
    return new ChatMessage(text.redact(fallback), blocks);
  }

  /**
   * A message that stands in for a request's message posted a second time (another replica posted
   * first): it points at no request and has no buttons.
   */
  public ChatMessage superseded(ApprovalRequest request) {
    return ChatMessage.text(
        "This approval request ("
            + text.code(request.id(), PART_LIMIT)
            + ") is shown in another message.");
  }

  /** The whole action as JSON and the whole preview, redacted, for one person. */
  public ChatMessage details(ApprovalRequest request) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        new Block.Section(
            section(
                "*Approval request* "
                    + text.code(request.id(), PART_LIMIT)
                    + " ("
                    + request.state().name().toLowerCase(Locale.ROOT)
                    + ")\n*Action hash:* `"
                    + request.actionHash()
                    + "`")));
    String json = PRETTY.writeValueAsString(redacted("action", ActionJson.toMap(request.action())));
    addPieces(blocks, "*Action:*", text.safe(json));
    if (request.preview().isPresent()) {
      addPieces(blocks, "*Dry run:*", text.safe(request.preview().get()));
    } else {
      blocks.add(new Block.Section("*Dry run:* none"));
    }
    return new ChatMessage(
        text.redact(
            "Details of approval request "
                + text.plain(request.id(), PART_LIMIT)
                + ": "
                + summary(request)),
        blocks);
  }

  /** A short answer to one person, redacted and without markup of its own. */
  public ChatMessage notice(String message) {
    return ChatMessage.text(text.plain(message, ChatText.SECTION_LIMIT));
  }

  private void addPieces(List<Block> blocks, String title, String safe) {
    String open = "\n```\n";
    String close = "\n```";
    int size = ChatText.SECTION_LIMIT - title.length() - open.length() - close.length() - 12;
    List<String> pieces = ChatText.pieces(safe, size, DETAIL_PIECES);
    for (int i = 0; i < pieces.size(); i++) {
      String part = pieces.size() == 1 ? title : title + " (" + (i + 1) + "/" + pieces.size() + ")";
      blocks.add(new Block.Section(section(part + open + pieces.get(i) + close)));
    }
  }

  private List<Block> facts(
      ApprovalRequest request, Optional<PolicySet> policies, String headline) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block.Section(section(what(request, headline))));
    ProposedAction action = request.action();
    if (!action.parameters().isEmpty()) {
      blocks.add(new Block.Section(section(parameters(action.parameters()))));
    }
    request
        .preview()
        .ifPresent(preview -> blocks.add(new Block.Section(section(preview(preview)))));
    blocks.add(new Block.Section(section(votes(request, policies))));
    blocks.add(
        new Block.Context(
            section(
                "Request "
                    + text.code(request.id(), PART_LIMIT)
                    + " · action `"
                    + shortHash(request.actionHash())
                    + "` · Details shows the full action")));
    return blocks;
  }

  private String what(ApprovalRequest request, String headline) {
    ProposedAction action = request.action();
    StringBuilder what =
        new StringBuilder("*")
            .append(headline)
            .append(":* ")
            .append(text.code(action.kind(), PART_LIMIT));
    ActionKinds.find(action.kind())
        .map(ActionKind::description)
        .ifPresentOrElse(
            description ->
                what.append(" (").append(text.plain(description, PART_LIMIT)).append(")"),
            () -> what.append(" (a kind Warden does not know)"));
    what.append("\n*Target:* ").append(target(action.target()));
    what.append("\n*Requested by:* ").append(requester(action.requester()));
    what.append(" · *Rule:* ")
        .append(request.rule().map(rule -> text.code(rule, PART_LIMIT)).orElse("a built-in guard"));
    if (!action.blastRadius().isEmpty()) {
      List<String> radius = new ArrayList<>();
      new TreeMap<>(action.blastRadius())
          .forEach((measure, value) -> radius.add(text.plain(measure, PART_LIMIT) + " " + value));
      what.append("\n*Blast radius:* ").append(String.join(", ", radius));
    }
    if (action.tainted()) {
      what.append(
          "\n:warning: Parts of this action come from untrusted content (alerts, logs, pull"
              + " requests or a model); check them.");
    }
    return what.toString();
  }

  private String target(Target target) {
    List<String> parts = new ArrayList<>();
    if (target.name().isPresent()) {
      String name = text.code(target.name().get(), PART_LIMIT);
      parts.add(target.kind().map(kind -> text.plain(kind, PART_LIMIT) + " " + name).orElse(name));
    } else {
      target.kind().ifPresent(kind -> parts.add(text.plain(kind, PART_LIMIT)));
    }
    target.namespace().ifPresent(ns -> parts.add("namespace " + text.code(ns, PART_LIMIT)));
    target.cluster().ifPresent(cluster -> parts.add("cluster " + text.code(cluster, PART_LIMIT)));
    target.repo().ifPresent(repo -> parts.add("repository " + text.code(repo, PART_LIMIT)));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private String requester(Requester requester) {
    return switch (requester.type()) {
      case PERSON -> text.user(requester.id());
      case RUNBOOK -> "runbook " + text.code(requester.id(), PART_LIMIT);
      case MODEL -> "model " + text.code(requester.id(), PART_LIMIT);
    };
  }

  private String parameters(Map<String, Object> parameters) {
    StringBuilder shown = new StringBuilder("*Parameters:*");
    int count = 0;
    for (Map.Entry<String, Object> parameter : new TreeMap<>(parameters).entrySet()) {
      if (count == SHOWN_PARAMETERS) {
        shown
            .append("\n… and ")
            .append(parameters.size() - count)
            .append(" more; Details shows them all");
        break;
      }
      String key = parameter.getKey();
      shown
          .append("\n• ")
          .append(
              text.code(key + ": " + value(redacted(key, parameter.getValue())), PARAMETER_LIMIT));
      count++;
    }
    return shown.toString();
  }

  /**
   * The value with every text in it redacted where it stands, before it is written as JSON (whose
   * escaped quotes and line breaks would hide an assignment from the redactor); a text is redacted
   * with its key in front, so that {@code password: ...} reads as the assignment it is.
   */
  private Object redacted(String key, Object value) {
    if (value instanceof String string) {
      String assignment = key + ": ";
      String redacted = text.redact(assignment + string);
      return redacted.startsWith(assignment)
          ? redacted.substring(assignment.length())
          : text.redact(string);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((name, item) -> copy.put(name.toString(), redacted(name.toString(), item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(item -> redacted(key, item)).toList();
    }
    return value;
  }

  private static String value(Object value) {
    return value instanceof String string ? string : JSON.writeValueAsString(value);
  }

  private String preview(String preview) {
    String safe = text.safe(preview);
    String title = "*Dry run:*\n";
    int budget = ChatText.SECTION_LIMIT - title.length() - 40;
    String shortened =
        safe.length() > budget ? "*Dry run* (shortened; Details shows it all):\n" : title;
    return shortened + ChatText.codeBlock(safe, budget);
  }

  private String votes(ApprovalRequest request, Optional<PolicySet> policies) {
    List<String> approvers = new ArrayList<>();
    for (String reference : request.requirement().approvers()) {
      approvers.add(approverText(reference, policies));
    }
    List<String> approvedBy =
        approvedBy(request).stream().map(Vote::approverId).map(text::user).toList();
    return "*Who may approve:* "
        + String.join(", ", approvers)
        + "\n*Approvals:* "
        + request.approvals()
        + " of "
        + request.requirement().min()
        + (approvedBy.isEmpty() ? "" : " (" + String.join(", ", approvedBy) + ")")
        + "\n*Expires:* "
        + ChatText.date(request.expiresAt());
  }

  private String approverText(String reference, Optional<PolicySet> policies) {
    if (!reference.startsWith("@")) {
      return text.approver(reference);
    }
    String group = text.plain(reference, PART_LIMIT);
    if (policies.isEmpty()) {
      return group;
    }
    List<String> members = policies.get().expand(List.of(reference)).stream().sorted().toList();
    if (members.isEmpty()) {
      return group + " (nobody yet)";
    }
    List<String> shown = new ArrayList<>();
    for (String member : members.subList(0, Math.min(members.size(), SHOWN_MEMBERS))) {
      shown.add(text.approver(member));
    }
    if (members.size() > SHOWN_MEMBERS) {
      shown.add("and " + (members.size() - SHOWN_MEMBERS) + " more");
    }
    return group + " (" + String.join(", ", shown) + ")";
  }

  private String decision(ApprovalRequest request, Optional<ExecutionResult> result) {
    return switch (request.state()) {
      case APPROVED, EXECUTED -> approval(request, result);
      case DENIED -> denial(request);
      case EXPIRED ->
          "Expired at "
              + ChatText.date(request.expiresAt())
              + " with "
              + request.approvals()
              + " of "
              + request.requirement().min()
              + " approvals";
      case WITHDRAWN -> "Withdrawn: " + text.plain(request.note().orElse("no longer needed"), 500);
      case PENDING -> "Waiting for approval";
    };
  }

  private String approval(ApprovalRequest request, Optional<ExecutionResult> result) {
    List<Vote> approved = approvedBy(request);
    Instant at =
        approved.stream()
            .map(Vote::at)
            .max(Comparator.naturalOrder())
            .orElse(request.requestedAt());
    String outcome;
    if (result.isPresent()) {
      outcome =
          (result.get().succeeded() ? "executed: " : "execution failed: ")
              + text.plain(result.get().summary(), 500);
    } else if (request.state() == ApprovalState.EXECUTED) {
      outcome = "executed: " + text.plain(request.note().orElse("done"), 500);
    } else {
      outcome = "running";
    }
    return "Approved by "
        + names(approved.stream().map(vote -> text.user(vote.approverId())).toList())
        + " at "
        + ChatText.date(at)
        + " → "
        + outcome;
  }

  private String denial(ApprovalRequest request) {
    return request.votes().stream()
        .filter(vote -> !vote.approve())
        .findFirst()
        .map(
            vote ->
                "Denied by "
                    + text.user(vote.approverId())
                    + " at "
                    + ChatText.date(vote.at())
                    + vote.reason().map(reason -> ": " + text.plain(reason, 500)).orElse(""))
        .orElse("Denied: " + text.plain(request.note().orElse("no reason given"), 500));
  }

  private static String headline(ApprovalState state) {
    return switch (state) {
      case PENDING -> "Approval needed";
      case APPROVED, EXECUTED -> "Approved";
      case DENIED -> "Denied";
      case EXPIRED -> "Expired";
      case WITHDRAWN -> "Withdrawn";
    };
  }

  /** One line on the action, for notifications: the kind and what it acts on. */
  private String summary(ApprovalRequest request) {
    Target target = request.action().target();
    String on =
        target
            .name()
            .or(target::repo)
            .map(
                name ->
                    " on "
                        + text.plain(
                            target.namespace().map(ns -> ns + "/").orElse("") + name, PART_LIMIT))
            .orElse("");
    return request.action().kind() + on;
  }

  private static List<Vote> approvedBy(ApprovalRequest request) {
    List<Vote> approved = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Vote vote : request.votes()) {
      if (vote.approve() && !seen.contains(vote.approverId())) {
        seen.add(vote.approverId());
        approved.add(vote);
      }
    }
    return approved;
  }

  private static String names(List<String> names) {
    if (names.isEmpty()) {
      return "nobody";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String shortHash(String hash) {
    return hash.length() > SHORT_HASH ? hash.substring(0, SHORT_HASH) : hash;
  }

  /** A section's text: redacted once more as a whole, and never over the chat's limit. */
  private String section(String markup) {
    return ChatText.shorten(text.redact(markup), ChatText.SECTION_LIMIT);
  }
}
