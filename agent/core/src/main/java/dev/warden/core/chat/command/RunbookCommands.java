package dev.warden.core.chat.command;

import dev.warden.core.action.Requester;
import dev.warden.core.policy.Decision;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.Template;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunPlan;
import dev.warden.core.runbook.run.RunbookEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code runbook list}, {@code runbook plan <name> [k=v ...]} and {@code runbook run <name> [k=v
 * ...]}. The {@code k=v} arguments describe the alert the run is for, as an alert file does for
 * {@code ./warden runbook plan}: {@code name=value} is a label, {@code annotations.name=value} an
 * annotation. The runbook is the one named, whether or not its match would pick these labels; the
 * run acts on the default cluster, started by the person, who may then not approve its steps.
 */
final class RunbookCommands {
  private static final String ANNOTATIONS = "annotations.";

  private final Supplier<List<Runbook>> runbooks;
  private final RunbookEngine engine;
  private final Markup markup;

  RunbookCommands(Supplier<List<Runbook>> runbooks, RunbookEngine engine, Markup markup) {
    this.runbooks = runbooks;
    this.engine = engine;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    List<String> args = invocation.args();
    String sub = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
    Invocation rest =
        new Invocation(invocation.request(), args.subList(Math.min(1, args.size()), args.size()));
    return switch (sub) {
      case "list" -> list(rest);
      case "plan" -> plan(rest);
      case "run" -> start(rest);
      default ->
          Answer.now(
              (sub.isEmpty()
                      ? "`runbook` needs `list`, `plan` or `run`."
                      : markup.code(args.get(0)) + " is not a runbook command.")
                  + "\nUsage: "
                  + Syntax.RUNBOOK_LIST.line(invocation.command())
                  + "\n"
                  + Syntax.RUNBOOK_PLAN.line(invocation.command())
                  + "\n"
                  + Syntax.RUNBOOK_RUN.line(invocation.command()));
    };
  }

  private Answer list(Invocation invocation) {
    if (!invocation.args().isEmpty()) {
      return invocation.usage(Syntax.RUNBOOK_LIST, "`runbook list` takes no arguments.");
    }
    List<Runbook> all = runbooks.get();
    if (all.isEmpty()) {
      return Answer.now("No runbooks are loaded.");
    }
    StringBuilder text = new StringBuilder("*Runbooks* (").append(all.size()).append(')');
    for (Runbook runbook : all) {
      int steps = runbook.steps().size();
      text.append("\n• ")
          .append(markup.code(runbook.name()))
          .append(" – ")
          .append(markup.text(runbook.description()))
          .append(" (")
          .append(steps)
          .append(steps == 1 ? " step" : " steps")
          .append(runbook.mutates() ? ", changes things" : ", reads and reports")
          .append("; for ")
          .append(
              markup.code(
                  runbook.match().entrySet().stream()
                      .map(entry -> entry.getKey() + "=" + entry.getValue())
                      .collect(Collectors.joining(", ")),
                  120))
          .append(')');
    }
    return Answer.now(text.toString());
  }

  private Answer plan(Invocation invocation) {
    Parsed parsed = parse(invocation, Syntax.RUNBOOK_PLAN);
    if (parsed.problem != null) {
      return parsed.problem;
    }
    return plan(
        invocation.userId(),
        parsed.runbook,
        parsed.alert,
        problem -> Syntax.RUNBOOK_PLAN.usage(invocation.command(), problem));
  }

  private Answer start(Invocation invocation) {
    Parsed parsed = parse(invocation, Syntax.RUNBOOK_RUN);
    if (parsed.problem != null) {
      return parsed.problem;
    }
    return start(
        invocation.userId(),
        parsed.runbook,
        parsed.alert,
        run -> {},
        problem -> Syntax.RUNBOOK_RUN.usage(invocation.command(), problem));
  }

  /**
   * Plans {@code runbook} for {@code alert} as the person, running nothing.
   *
   * @param problem the answer to a runbook that cannot render for this alert, from its message
   */
  Answer plan(String userId, Runbook runbook, AlertInput alert, UnaryOperator<String> problem) {
    Requester requester = Requester.person(userId);
    return Answer.later(
        "runbook plan " + markup.code(runbook.name()),
        () -> {
          try {
            return Answer.Reply.ephemeral(
                show(engine.plan(runbook, alert, Optional.empty(), requester), alert));
          } catch (Template.RenderException e) {
            return Answer.Reply.ephemeral(problem.apply(markup.text(e.getMessage())));
          }
        });
  }

  /**
   * Starts a run of {@code runbook} for {@code alert}, started by the person, and tells the
   * channel; {@code started} hears of the run (the alert thread shows it).
   */
  Answer start(
      String userId,
      Runbook runbook,
      AlertInput alert,
      Consumer<Run> started,
      UnaryOperator<String> problem) {
    return Answer.later(
        "runbook run " + markup.code(runbook.name()),
        () -> {
          Run run;
          try {
            run =
                engine.start(
                    runbook, alert, Optional.empty(), Requester.person(userId), Optional.empty());
          } catch (Template.RenderException e) {
            return Answer.Reply.ephemeral(problem.apply(markup.text(e.getMessage())));
          }
          started.accept(run);
          return Answer.Reply.inChannel(
              markup.user(userId)
                  + " started run `"
                  + markup.text(run.id())
                  + "` of runbook "
                  + markup.code(runbook.name())
                  + labels(alert)
                  + ". Each step goes through the policies; steps that need approval wait for"
                  + " someone other than "
                  + markup.user(userId)
                  + ".");
        });
  }

  /** The runbook and the alert of {@code plan} and {@code run}, or the usage message. */
  private Parsed parse(Invocation invocation, Syntax syntax) {
    List<String> args = invocation.args();
    if (args.isEmpty()) {
      return Parsed.problem(invocation.usage(syntax, "Which runbook? Name one."));
    }
    String name = args.get(0);
    List<Runbook> all = runbooks.get();
    Optional<Runbook> runbook =
        Arguments.runbook(name)
            ? all.stream().filter(r -> r.name().equals(name)).findFirst()
            : Optional.empty();
    if (runbook.isEmpty()) {
      return Parsed.problem(
          invocation.usage(
              syntax,
              "There is no runbook "
                  + markup.code(name)
                  + ". The runbooks: "
                  + all.stream().map(r -> markup.code(r.name())).collect(Collectors.joining(", "))
                  + "."));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    for (String arg : args.subList(1, args.size())) {
      int equals = arg.indexOf('=');
      String key = equals < 0 ? arg : arg.substring(0, equals);
      String value = equals < 0 ? "" : arg.substring(equals + 1);
      boolean annotation = key.startsWith(ANNOTATIONS);
      String bare = annotation ? key.substring(ANNOTATIONS.length()) : key;
      Map<String, String> into = annotation ? annotations : labels;
      String problem = null;
      if (equals < 0) {
        problem = markup.code(arg) + " is not `label=value`.";
      } else if (!Arguments.label(bare)) {
        problem = markup.code(key) + " is not a label name (letters, digits and `_`).";
      } else if (!Arguments.value(value)) {
        problem =
            "The value of "
                + markup.code(key)
                + " must be 1 to "
                + Arguments.VALUE_MAX
                + " printable characters.";
      } else if (into.containsKey(bare)) {
        problem = markup.code(key) + " is given twice.";
      }
      if (problem != null) {
        return Parsed.problem(invocation.usage(syntax, problem));
      }
      into.put(bare, value);
    }
    AlertInput alert = new AlertInput(labels, annotations);
    try {
      // the parameters render from the labels alone: a missing label is a usage error now
      runbook.get().renderParams(labels, annotations);
    } catch (Template.RenderException e) {
      return Parsed.problem(invocation.usage(syntax, markup.text(e.getMessage()) + "."));
    }
    return new Parsed(runbook.get(), alert, null);
  }

  private record Parsed(Runbook runbook, AlertInput alert, Answer problem) {
    static Parsed problem(Answer problem) {
      return new Parsed(null, null, problem);
    }
  }

  /** The plan as the CLI prints it: every step with its decision, parameters and command. */
  private String show(RunPlan plan, AlertInput alert) {
    StringBuilder text =
        new StringBuilder("*Plan of runbook ")
            .append(markup.code(plan.runbook()))
            .append('*')
            .append(labels(alert))
            .append(" – nothing runs");
    int number = 1;
    boolean rollbackShown = false;
    for (RunPlan.Planned step : plan.steps()) {
      if (step.rollback() && !rollbackShown) {
        text.append("\n_On rollback:_");
        rollbackShown = true;
      }
      Decision decision = step.decision();
      text.append('\n')
          .append(number++)
          .append(". ")
          .append(markup.code(step.stepId()))
          .append(' ')
          .append(markup.code(step.kind()))
          .append(" – ")
          .append(markup.decided(decision));
      decision
          .approvals()
          .ifPresent(approvals -> text.append(", ").append(markup.approvals(approvals)));
      step.parameters()
          .forEach(
              (key, value) ->
                  text.append("\n      ")
                      .append(markup.text(key))
                      .append(": ")
                      .append(markup.code(String.valueOf(value), 120)));
      decision
          .reasons()
          .forEach(reason -> text.append("\n      why: ").append(markup.text(reason)));
      step.command()
          .ifPresent(command -> text.append("\n      by hand: ").append(markup.code(command, 300)));
    }
    return text.toString();
  }

  /** {@code for namespace=shop, pod=web-1}, or nothing without labels. */
  private String labels(AlertInput alert) {
    if (alert.labels().isEmpty() && alert.annotations().isEmpty()) {
      return "";
    }
    Map<String, String> all = new LinkedHashMap<>(alert.labels());
    alert.annotations().forEach((key, value) -> all.put(ANNOTATIONS + key, value));
    return " for "
        + markup.code(
            all.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ")),
            200);
  }
}
