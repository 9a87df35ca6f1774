package dev.warden.core.chat.approval;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.Responder;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateListener;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval requests in chat. As the gate's listener it posts a request's message when the request
 * opens, and updates it when a vote is counted and when the request is executed, denied, expired or
 * withdrawn. As the handler of the Approve, Deny and Details buttons it passes each click to the
 * gate, which checks the clicking person against the current policies at that moment; the button
 * carries the request id only. Every answer to a click is shown to the clicking person only.
 *
 * <p>The gate calls a listener in the thread that voted, and a listener must be quick: every chat
 * call runs on the given executor (the application gives a single thread, so a request's post comes
 * before its updates). A chat failure is logged and never reaches the gate. Only the message
 * remembered first for a request is ever updated; an update for a request whose message is not
 * remembered yet (its post is still under way on another replica) is skipped, and the post, once
 * done, brings its message up to date.
 */
public final class ApprovalMessages implements GateListener {
  private static final Logger log = LoggerFactory.getLogger(ApprovalMessages.class);
  private static final Set<String> ACTIONS =
      Set.of(ChatActions.APPROVE, ChatActions.DENY, ChatActions.DETAILS);

  /** How many times an update is redone because the request changed under it. */
  private static final int CATCH_UP = 3;

  static final String DENIED_IN_CHAT = "denied in chat";

  private final ChatSurface surface;
  private final ApprovalMessageStore messages;
  private final ApprovalStore approvals;
  private final Supplier<ActionGate> gate;
  private final Supplier<PolicySet> policies;
  private final Function<ApprovalRequest, Optional<String>> channelFor;
  private final Executor executor;
  private final ApprovalMessage render;

  private ApprovalMessages(Builder builder) {
    this.surface = Objects.requireNonNull(builder.surface, "surface");
    this.messages = Objects.requireNonNull(builder.messages, "messages");
    this.approvals = Objects.requireNonNull(builder.approvals, "approvals");
    this.gate = Objects.requireNonNull(builder.gate, "gate");
    this.policies = Objects.requireNonNull(builder.policies, "policies");
    this.channelFor = Objects.requireNonNull(builder.channelFor, "channelFor");
    this.executor = Objects.requireNonNull(builder.executor, "executor");
    this.render = new ApprovalMessage(builder.redactor);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@link #clicked} handles clicks of this action id. */
  public static boolean handles(String actionId) {
    return ACTIONS.contains(actionId);
  }

  @Override
  public void opened(ApprovalRequest request) {
    later(request.id(), "post", () -> post(request));
  }

  @Override
  public void voted(ApprovalRequest request) {
    later(request.id(), "update", () -> refresh(request.id(), Optional.empty()));
  }

  @Override
  public void executed(Permit permit, Optional<String> requestId, ExecutionResult result) {
    requestId.ifPresent(id -> later(id, "update", () -> refresh(id, Optional.of(result))));
  }

  @Override
  public void closed(ApprovalRequest request) {
    later(request.id(), "update", () -> refresh(request.id(), Optional.empty()));
  }

  /**
   * Posts the message of every pending request that has none: those whose post failed because the
   * chat could not be reached when they opened. The application calls it on a timer; a request
   * whose message is posted meanwhile is skipped when its turn comes.
   *
   * @return how many posts were queued
   */
  public int postMissing() {
    int queued = 0;
    for (ApprovalRequest request : approvals.pending()) {
      if (messages.find(request.id()).isEmpty()) {
        later(request.id(), "post", () -> post(request));
        queued++;
      }
    }
    return queued;
  }

  /**
   * Acts on a click of Approve, Deny or Details (other action ids are ignored) and answers the
   * clicking person only: in the click's channel, or through {@code later} when it has none.
   */
  public void clicked(ButtonClick click, Responder later) {
    switch (click.actionId()) {
      case ChatActions.APPROVE -> vote(click, later, true);
      case ChatActions.DENY -> vote(click, later, false);
      case ChatActions.DETAILS -> details(click, later);
      default -> log.debug("click ignored action={}", click.actionId());
    }
  }

  /** The full action and preview, to the clicking person only; a look changes nothing. */
  private void details(ButtonClick click, Responder later) {
    ChatMessage details =
        approvals
            .find(click.value().trim())
            .map(render::details)
            .orElseGet(() -> render.notice("There is no such approval request."));
    answer(click, later, details);
  }

  private void vote(ButtonClick click, Responder later, boolean approve) {
    String id = click.value().trim();
    VoteOutcome outcome;
    try {
      // every click goes to the gate, which refuses and audits an unknown id like any other
      outcome =
          approve
              ? gate.get()
                  .approve(
                      id,
                      click.userId(),
                      // the message showed this request's action, so this is the hash they saw
                      approvals.find(id).map(ApprovalRequest::actionHash).orElse(""))
              : gate.get().deny(id, click.userId(), DENIED_IN_CHAT);
    } catch (RuntimeException e) {
      log.warn(
          "vote failed id={} user={} error={}", id, click.userId(), e.getClass().getSimpleName());
      answer(click, later, render.notice("Warden could not record your vote; please try again."));
      return;
    }
    answer(click, later, render.notice(what(outcome)));
  }

  private static String what(VoteOutcome outcome) {
    if (outcome instanceof VoteOutcome.Counted counted) {
      return "Your approval is counted: " + counted.progress() + ".";
    }
    if (outcome instanceof VoteOutcome.Executed executed) {
      return "Your approval completed the request; the action ran: " + executed.result().summary();
    }
    if (outcome instanceof VoteOutcome.Denied) {
      return "You denied the request; it is closed.";
    }
    VoteOutcome.Refused refused = (VoteOutcome.Refused) outcome;
    if (refused.refusal() == VoteOutcome.Refusal.NOT_FOUND) {
      return "There is no such approval request.";
    }
    return "Your vote was not counted: " + refused.message();
  }

  /** Shows {@code message} to the clicking person only. */
  private void answer(ButtonClick click, Responder later, ChatMessage message) {
    if (!click.channelId().isBlank()) {
      try {
        surface.postEphemeral(click.channelId(), click.userId(), null, message);
        return;
      } catch (ChatException e) {
        log.warn(
            "ephemeral answer failed user={} method={} error={}",
            click.userId(),
            e.method(),
            e.error());
      }
    }
    try {
      later.ephemeral(message);
    } catch (RuntimeException e) {
      log.warn(
          "ephemeral answer failed user={} error={}", click.userId(), e.getClass().getSimpleName());
    }
  }

  private void post(ApprovalRequest opened) {
    String id = opened.id();
    if (messages.find(id).isPresent()) {
      log.info("approval message exists id={}", id);
      return;
    }
    Optional<String> channel = channelFor.apply(opened).filter(name -> !name.isBlank());
    if (channel.isEmpty()) {
      log.info("approval message not posted id={} reason=no-channel", id);
      return;
    }
    // the request as it is now: votes may have come in since it opened
    ApprovalRequest request = approvals.find(id).orElse(opened);
    MessageRef ref = surface.post(channel.get(), null, message(request, Optional.empty()));
    if (!messages.remember(id, ref)) {
      log.warn("approval message posted twice id={} ts={}; the first one stays", id, ref.ts());
      surface.update(ref, render.superseded(request));
      return;
    }
    log.info("approval message posted id={} channel={} ts={}", id, ref.channel(), ref.ts());
    catchUp(ref, request, Optional.empty());
  }

  private void refresh(String id, Optional<ExecutionResult> result) {
    Optional<MessageRef> ref = messages.find(id);
    if (ref.isEmpty()) {
      log.info("approval message update skipped id={} reason=not-posted-yet", id);
      return;
    }
    Optional<ApprovalRequest> request = approvals.find(id);
    if (request.isEmpty() || awaitsItsResult(request.get(), result)) {
      return;
    }
    surface.update(ref.get(), message(request.get(), result));
    catchUp(ref.get(), request.get(), result);
  }

  /**
   * Updates the message again, a few times at most, while the request changed under the last one (a
   * vote or a decision on another replica, whose update may have reached the chat first).
   */
  private void catchUp(MessageRef ref, ApprovalRequest shown, Optional<ExecutionResult> result) {
    for (int i = 0; i < CATCH_UP; i++) {
      Optional<ApprovalRequest> now = approvals.find(shown.id());
      if (now.isEmpty() || same(now.get(), shown, result) || awaitsItsResult(now.get(), result)) {
        return;
      }
      surface.update(ref, message(now.get(), result));
      shown = now.get();
    }
  }

  /**
   * An approved request without its result is being executed: the execution's own update, which has
   * the result, follows; showing "running" now could overwrite it.
   */
  private static boolean awaitsItsResult(
      ApprovalRequest request, Optional<ExecutionResult> result) {
    return request.state() == ApprovalState.APPROVED && result.isEmpty();
  }

  private static boolean same(
      ApprovalRequest a, ApprovalRequest b, Optional<ExecutionResult> result) {
    return a.votes().size() == b.votes().size()
        && (a.state() == b.state() || (result.isPresent() && executing(a) && executing(b)));
  }

  private static boolean executing(ApprovalRequest request) {
    return request.state() == ApprovalState.APPROVED || request.state() == ApprovalState.EXECUTED;
  }

  private ChatMessage message(ApprovalRequest request, Optional<ExecutionResult> result) {
    Optional<PolicySet> current = Optional.ofNullable(policies.get());
    return request.state() == ApprovalState.PENDING
        ? render.pending(request, current)
        : render.decided(request, current, result);
  }

  /** Runs a chat task on the executor; what it throws is logged, never passed to the gate. */
  private void later(String requestId, String what, Runnable task) {
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (ChatException e) {
            log.warn(
                "approval message {} failed id={} method={} error={}",
                what,
                requestId,
                e.method(),
                e.error());
          } catch (RuntimeException e) {
            log.warn(
                "approval message {} failed id={} error={}",
                what,
                requestId,
                e.getClass().getSimpleName());
          }
        };
    try {
      executor.execute(guarded);
    } catch (RuntimeException e) {
      log.warn(
          "approval message {} not run id={} error={}",
          what,
          requestId,
          e.getClass().getSimpleName());
    }
  }

  /**
   * Wires the approval messages. Everything is required except the redactor (the standard one by
   * default).
   */
  public static final class Builder {
    private ChatSurface surface;
    private ApprovalMessageStore messages;
    private ApprovalStore approvals;
    private Supplier<ActionGate> gate;
    private Supplier<PolicySet> policies;
    private Function<ApprovalRequest, Optional<String>> channelFor;
    private Executor executor;
    private Redactor redactor = Redactor.standard();

    private Builder() {}

    /** Where the messages go. */
    public Builder surface(ChatSurface surface) {
      this.surface = surface;
      return this;
    }

    /** Where each request's message is remembered. */
    public Builder messages(ApprovalMessageStore messages) {
      this.messages = messages;
      return this;
    }

    /** The approval requests, read again for every message so that it shows the latest votes. */
    public Builder approvals(ApprovalStore approvals) {
      this.approvals = approvals;
      return this;
    }

    /**
     * The gate that votes go to; a supplier, because the gate is built with these messages as its
     * listener.
     */
    public Builder gate(Supplier<ActionGate> gate) {
      this.gate = gate;
      return this;
    }

    /** The current policies, for the members of the groups that may approve. */
    public Builder policies(Supplier<PolicySet> policies) {
      this.policies = policies;
      return this;
    }

    /** The channel a request's message goes to; empty to post none. */
    public Builder channelFor(Function<ApprovalRequest, Optional<String>> channelFor) {
      this.channelFor = channelFor;
      return this;
    }

    /**
     * Where the chat calls run. A single thread keeps a request's post before its updates; a direct
     * executor runs them in the gate's thread (for tests).
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** What removes secrets from every text; {@link Redactor#standard()} by default. */
    public Builder redactor(Redactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    public ApprovalMessages build() {
      return new ApprovalMessages(this);
    }
  }
}
