package dev.warden.core.chat.command;

import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Directory;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Responder;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.chat.alerts.AlertThreads;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.integration.Integration;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.UsageLedger;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.RunbookEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /warden} commands: {@code help}, {@code status}, {@code alerts}, {@code runbook
 * list|plan|run}, {@code approvals}, {@code approve}, {@code deny}, {@code policy explain}, {@code
 * freeze on|off}, {@code usage} and {@code summarize}.
 *
 * <p>{@link #handle} returns at once. Quick commands answer there; commands that call the gate, a
 * cluster or a model run on the executor and answer through the {@link Responder}: a started run
 * and a switched freeze to the channel, everything else to the person only. An unknown command, or
 * an argument that is not what the command takes, is answered with the usage, and a failure with
 * "failed: ..." — never an error trace. Every action is proposed as the person who typed the
 * command. Every text is redacted, and everything that came from outside (what was typed, what a
 * cluster, a log or a model said) is escaped for the chat's markup.
 *
 * <p>Thread-safe: the chat adapter may call {@link #handle} from several threads.
 */
public final class ChatCommands {
  private static final Logger log = LoggerFactory.getLogger(ChatCommands.class);

  /** The acknowledgement of a command that answers later. */
  public static final String WORKING = "Working on it…";

  private final Executor executor;
  private final Markup markup;
  private final StatusCommand status;
  private final AlertsCommand alerts;
  private final RunbookCommands runbooks;
  private final ApprovalCommands approvals;
  private final PolicyExplainCommand policy;
  private final FreezeCommand freeze;
  private final UsageCommand usage;
  private final SummarizeCommand summarize;
  private final Supplier<List<Runbook>> runbookList;
  private final AlertThreads threads;

  private ChatCommands(Builder builder) {
    ActionGate gate = Objects.requireNonNull(builder.gate, "gate");
    ApprovalStore approvalStore = Objects.requireNonNull(builder.approvals, "approvals");
    Supplier<PolicySet> policies = Objects.requireNonNull(builder.policies, "policies");
    FreezeSwitch freezeSwitch = Objects.requireNonNull(builder.freezeSwitch, "freezeSwitch");
    LlmGateway llm = Objects.requireNonNull(builder.llm, "llm");
    this.executor = Objects.requireNonNull(builder.executor, "executor");
    this.markup = new Markup(builder.redactor);
    this.approvals =
        new ApprovalCommands(
            approvalStore, gate, policies, builder.directory, builder.clock, markup);
    this.status =
        new StatusCommand(
            builder.integrations, llm, freezeSwitch, approvalStore, approvals, markup);
    this.alerts = new AlertsCommand(builder.alerts, markup);
    this.runbookList = Objects.requireNonNull(builder.runbooks, "runbooks");
    this.threads = builder.threads;
    this.runbooks =
        new RunbookCommands(runbookList, Objects.requireNonNull(builder.engine, "engine"), markup);
    this.policy = new PolicyExplainCommand(policies, freezeSwitch, builder.clock, markup);
    this.freeze = new FreezeCommand(gate, markup);
    this.usage =
        new UsageCommand(Objects.requireNonNull(builder.ledger, "ledger"), builder.clock, markup);
    this.summarize =
        new SummarizeCommand(
            gate,
            llm,
            Objects.requireNonNull(builder.surface, "surface"),
            executor,
            builder.clock,
            builder.streamInterval,
            builder.redactor,
            markup);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a command: at once, or with {@value #WORKING} and later through {@code later}.
   *
   * @return what the person sees at once, only them
   */
  public ChatMessage handle(CommandRequest request, Responder later) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(later, "later");
    Answer answer;
    try {
      answer = answer(request);
    } catch (RuntimeException e) {
      log.warn(
          "chat command failed user={} error={}", request.userId(), e.getClass().getSimpleName());
      answer = Answer.now("failed: " + failure(e));
    }
    if (answer instanceof Answer.Later slow) {
      return start(slow, later);
    }
    return message(((Answer.Now) answer).text());
  }

  /**
   * Acts on a Plan or Run button of an alert thread's root message (value {@code <thread id>
   * <runbook>}): plans or starts the runbook for the group's alert it matches, as the clicking
   * person, and answers through {@code later}. Called off the request thread: it runs at once.
   */
  public void runbookButton(ButtonClick click, Responder later) {
    String[] value = click.value().trim().split(" ", 2);
    Optional<AlertThread> thread =
        threads == null || value.length < 2 ? Optional.empty() : threads.find(value[0]);
    Optional<Runbook> runbook =
        value.length < 2
            ? Optional.empty()
            : runbookList.get().stream().filter(r -> r.name().equals(value[1])).findFirst();
    if (thread.isEmpty() || runbook.isEmpty()) {
      later.ephemeral(message("Warden no longer knows this alert group or runbook."));
      return;
    }
    Optional<AlertInput> alert = thread.get().state().alertFor(runbook.get());
    if (alert.isEmpty()) {
      later.ephemeral(
          message(
              "No alert of this group matches runbook "
                  + markup.code(runbook.get().name())
                  + " any more."));
      return;
    }
    String threadId = thread.get().id();
    Answer answer =
        click.actionId().equals(ChatActions.RUNBOOK_RUN)
            ? runbooks.start(
                click.userId(),
                runbook.get(),
                alert.get(),
                run -> threads.runStarted(threadId, run),
                problem -> problem)
            : runbooks.plan(click.userId(), runbook.get(), alert.get(), problem -> problem);
    finish((Answer.Later) answer, later);
  }

  /** The help text, every command with what it does, under the command's name. */
  public String help(String command) {
    StringBuilder text = new StringBuilder("*Warden's commands*");
    for (Syntax syntax : Syntax.values()) {
      text.append("\n• ").append(syntax.line(command));
    }
    return text.toString();
  }

  private Answer answer(CommandRequest request) {
    Optional<List<String>> split = Words.split(request.text());
    if (split.isEmpty()) {
      return Answer.now("A quote is not closed.\n" + help(request.command()));
    }
    List<String> words = split.get();
    if (words.isEmpty()) {
      return Answer.now(help(request.command()));
    }
    String name = words.get(0).toLowerCase(Locale.ROOT);
    Invocation invocation = new Invocation(request, words.subList(1, words.size()));
    log.info(
        "chat command user={} command={}",
        request.userId(),
        name.matches("[a-z]{1,20}") ? name : "(unknown)");
    return switch (name) {
      case "help" -> Answer.now(help(request.command()));
      case "status" -> status.run(invocation);
      case "alerts" -> alerts.run(invocation);
      case "runbook", "runbooks" -> runbooks.run(invocation);
      case "approvals" -> approvals.list(invocation);
      case "approve" -> approvals.approve(invocation);
      case "deny" -> approvals.deny(invocation);
      case "policy" -> policy.run(invocation);
      case "freeze" -> freeze.run(invocation);
      case "usage" -> usage.run(invocation);
      case "summarize", "summarise" -> summarize.run(invocation);
      default ->
          Answer.now(
              "Unknown command " + markup.code(words.get(0), 40) + ".\n" + help(request.command()));
    };
  }

  /** Hands the work to the executor and acknowledges it. */
  private ChatMessage start(Answer.Later slow, Responder later) {
    try {
      executor.execute(() -> finish(slow, later));
    } catch (RejectedExecutionException e) {
      log.warn("chat command rejected: the executor is full");
      return message("Warden is too busy to start that now; try again in a minute.");
    }
    return message(WORKING);
  }

  /** Runs the work and sends its reply; a failure is answered, never thrown. */
  private void finish(Answer.Later slow, Responder later) {
    Optional<Answer.Reply> reply;
    try {
      reply = slow.work().run();
    } catch (RuntimeException e) {
      log.warn("chat command failed error={}", e.getClass().getSimpleName());
      reply = Answer.Reply.ephemeral("failed: " + slow.what() + " (" + failure(e) + ")");
    }
    if (reply.isEmpty()) {
      return;
    }
    try {
      ChatMessage message = message(reply.get().text());
      if (reply.get().inChannel()) {
        later.inChannel(message);
      } else {
        later.ephemeral(message);
      }
    } catch (RuntimeException e) {
      log.warn("chat command reply failed error={}", e.getClass().getSimpleName());
    }
  }

  /** The exception in a few words: its type and message, redacted and escaped. */
  private String failure(RuntimeException e) {
    String message = e.getMessage() == null ? "" : ": " + Markup.shorten(e.getMessage(), 200);
    return markup.text(e.getClass().getSimpleName() + message);
  }

  private ChatMessage message(String text) {
    return ChatMessage.text(markup.redact(text));
  }

  /** Wires the commands; everything but the directory, integrations, alerts and clock is needed. */
  public static final class Builder {
    private ActionGate gate;
    private ApprovalStore approvals;
    private Supplier<PolicySet> policies;
    private Directory directory = Directory.NONE;
    private FreezeSwitch freezeSwitch;
    private final List<Integration> integrations = new ArrayList<>();
    private LlmGateway llm;
    private UsageLedger ledger;
    private Supplier<List<Runbook>> runbooks;
    private RunbookEngine engine;
    private OpenAlertGroups alerts = OpenAlertGroups.NONE;
    private AlertThreads threads;
    private ChatSurface surface;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Redactor redactor = Redactor.standard();
    private Duration streamInterval = Duration.ofSeconds(1);

    private Builder() {}

    /** Where votes, freezes and log reads are proposed. */
    public Builder gate(ActionGate gate) {
      this.gate = gate;
      return this;
    }

    /** The approval requests (the gate's store). */
    public Builder approvals(ApprovalStore approvals) {
      this.approvals = approvals;
      return this;
    }

    /** The current policies (the gate's). */
    public Builder policies(Supplier<PolicySet> policies) {
      this.policies = policies;
      return this;
    }

    /** Who belongs to which approver group (the gate's). */
    public Builder directory(Directory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The global freeze switch (the gate's). */
    public Builder freezeSwitch(FreezeSwitch freezeSwitch) {
      this.freezeSwitch = freezeSwitch;
      return this;
    }

    /** The integrations {@code status} reports. */
    public Builder integrations(List<? extends Integration> integrations) {
      this.integrations.addAll(integrations);
      return this;
    }

    /** The LLM gateway: its mode for {@code status}, the narrative of {@code summarize}. */
    public Builder llm(LlmGateway llm) {
      this.llm = llm;
      return this;
    }

    /** The gateway's cost ledger, for {@code usage}. */
    public Builder ledger(UsageLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /** The loaded runbooks, asked at every command, so a reload takes effect. */
    public Builder runbooks(Supplier<List<Runbook>> runbooks) {
      this.runbooks = runbooks;
      return this;
    }

    /** The run engine that plans and starts runs. */
    public Builder engine(RunbookEngine engine) {
      this.engine = engine;
      return this;
    }

    /** The open alert groups, for {@code alerts}. */
    public Builder alerts(OpenAlertGroups alerts) {
      this.alerts = Objects.requireNonNull(alerts, "alerts");
      return this;
    }

    /** The alert threads, whose Plan and Run buttons {@link #runbookButton} acts on. */
    public Builder threads(AlertThreads threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /** Where a streamed answer is posted and updated. */
    public Builder surface(ChatSurface surface) {
      this.surface = surface;
      return this;
    }

    /**
     * Where the slow commands run, and the updates of streamed answers. A pool with a bounded queue
     * suits: a command it rejects is answered "too busy".
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder redactor(Redactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /** The least time between two updates of a streamed answer (default one second). */
    public Builder streamInterval(Duration streamInterval) {
      this.streamInterval = Objects.requireNonNull(streamInterval, "streamInterval");
      return this;
    }

    public ChatCommands build() {
      return new ChatCommands(this);
    }
  }
}
