package dev.warden.core.chat.command;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatStream;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.kubernetes.Kubectl;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.logs.LogNarrative;
import dev.warden.core.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code summarize <namespace>/<pod>}: reads the pod's recent log through the gate ({@code
 * kubernetes.pod-logs} as the person, so the policies decide; look-ups are normally autonomous),
 * and shows the executor's deterministic summary. With a model configured, a short narrative of it
 * is written on top, streamed into a message in the channel as the model writes it (an ephemeral
 * answer cannot be updated); without a model, or without a channel, the answer goes to the person
 * only.
 */
final class SummarizeCommand {
  private static final Logger log = LoggerFactory.getLogger(SummarizeCommand.class);
  private static final String POD_LOGS = "kubernetes.pod-logs";

  private final ActionGate gate;
  private final LlmGateway llm;
  private final ChatSurface surface;
  private final Executor updates;
  private final Clock clock;
  private final Duration interval;
  private final Redactor redactor;
  private final Markup markup;

  SummarizeCommand(
      ActionGate gate,
      LlmGateway llm,
      ChatSurface surface,
      Executor updates,
      Clock clock,
      Duration interval,
      Redactor redactor,
      Markup markup) {
    this.gate = gate;
    this.llm = llm;
    this.surface = surface;
    this.updates = updates;
    this.clock = clock;
    this.interval = interval;
    this.redactor = redactor;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.size() != 1) {
      return invocation.usage(Syntax.SUMMARIZE, "`summarize` takes one pod, as `namespace/pod`.");
    }
    String[] parts = args.get(0).split("/", -1);
    if (parts.length != 2) {
      return invocation.usage(
          Syntax.SUMMARIZE, markup.code(args.get(0)) + " is not `namespace/pod`.");
    }
    String namespace = parts[0];
    String pod = parts[1];
    if (!Arguments.namespace(namespace)) {
      return invocation.usage(
          Syntax.SUMMARIZE, markup.code(namespace) + " is not a Kubernetes namespace.");
    }
    if (!Arguments.pod(pod)) {
      return invocation.usage(Syntax.SUMMARIZE, markup.code(pod) + " is not a pod name.");
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("namespace", namespace);
    parameters.put("pod", pod);
    ProposedAction action =
        new ProposedAction(
            POD_LOGS,
            new Target(
                Optional.empty(),
                Optional.of(namespace),
                Optional.of("pod"),
                Optional.of(pod),
                Optional.empty(),
                Map.of()),
            parameters,
            Map.of(),
            Requester.person(invocation.userId()),
            Optional.empty(),
            false);
    String channel = invocation.request().channelId();
    String heading =
        "*Log summary of `" + namespace + "/" + pod + "`*, for " + markup.user(invocation.userId());
    return Answer.later(
        "summarize `" + namespace + "/" + pod + "`",
        () -> summarize(action, namespace + "/" + pod, namespace, channel, heading));
  }

  private Optional<Answer.Reply> summarize(
      ProposedAction action, String subject, String namespace, String channel, String heading) {
    GateOutcome outcome = gate.submit(action);
    if (!(outcome instanceof GateOutcome.Executed executed)) {
      return Answer.Reply.ephemeral(notRead(subject, outcome, action));
    }
    ExecutionResult result = executed.result();
    String summary = result.outputs().get("summary");
    if (!result.succeeded() || summary == null) {
      return Answer.Reply.ephemeral(
          "Could not read the log of `" + subject + "`: " + markup.text(result.summary()));
    }
    if (!llm.modelConfigured()) {
      return Answer.Reply.ephemeral(
          heading + "\n_no model configured: the summary only_\n" + markup.block(summary));
    }
    if (channel.isBlank()) {
      LlmAnswer answer = LogNarrative.ask(llm, "pod " + subject, namespace, summary);
      return Answer.Reply.ephemeral(heading + "\n" + narrated(answer, summary));
    }
    ChatStream stream =
        ChatStream.posting(surface, channel, null)
            .interval(interval)
            .clock(clock)
            .executor(updates)
            .redactor(redactor)
            .partial(text -> heading + "\n" + markup.quote(text.isEmpty() ? "…" : text + " …"))
            .build();
    LlmAnswer answer = LogNarrative.ask(llm, "pod " + subject, namespace, summary, stream);
    String text = heading + "\n" + narrated(answer, summary);
    try {
      stream.finish(text);
      return Optional.empty();
    } catch (ChatException e) {
      log.warn("summary not posted channel={} error={}", channel, e.error());
      return Answer.Reply.ephemeral(text);
    }
  }

  /** The narrative (or why there is none), quoted, over the summary in a code block. */
  private String narrated(LlmAnswer answer, String summary) {
    StringBuilder text = new StringBuilder();
    if (LogNarrative.hasNarrative(answer)) {
      text.append("_Narrative (")
          .append(markup.text(answer.label()))
          .append(")_\n")
          .append(markup.quote(answer.text().strip()));
      answer.notes().forEach(note -> text.append("\n_(").append(markup.text(note)).append(")_"));
    } else {
      text.append('_').append(markup.text(answer.label())).append('_');
    }
    return text.append('\n').append(markup.block(summary)).toString();
  }

  private String notRead(String subject, GateOutcome outcome, ProposedAction action) {
    String reading = "Reading the log of `" + subject + "`";
    if (outcome instanceof GateOutcome.AwaitingApproval awaiting) {
      return reading
          + " needs approval under the policies: request `"
          + awaiting.request().id()
          + "` is open. Warden did not read it.";
    }
    StringBuilder text = new StringBuilder(reading);
    if (outcome instanceof GateOutcome.Suggested) {
      text.append(" is only suggested by the policies (passive); Warden did not read it.");
      Kubectl.command(action)
          .ifPresent(command -> text.append(" By hand: ").append(markup.code(command, 300)));
    } else {
      text.append(" is refused by the policies.");
    }
    outcome
        .decision()
        .rule()
        .ifPresent(rule -> text.append(" Rule ").append(markup.code(rule)).append('.'));
    outcome
        .decision()
        .reasons()
        .forEach(reason -> text.append("\nWhy: ").append(markup.text(reason)));
    return text.toString();
  }
}
