package dev.warden.app.cli;

import dev.warden.app.runbook.RunbookRepository;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.kubernetes.Kubectl;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.DecisionJson;
import dev.warden.core.policy.GlobalFreeze;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.Template;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunPlan;
import dev.warden.core.runbook.run.RunPlanner;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.RunbookEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden runbook}: list the runbooks, plan a run for an alert, run one. */
@Command(
    name = "runbook",
    mixinStandardHelpOptions = true,
    description = "List the runbooks, plan a run for an alert, run one.",
    subcommands = {
      RunbookCommand.ListRunbooks.class,
      RunbookCommand.Plan.class,
      RunbookCommand.RunRunbook.class,
      RunbookCommand.Status.class,
      RunbookCommand.Cancel.class
    })
class RunbookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code warden runbook list [--dir DIR]}: one line per runbook: name, match, step count and
   * description, separated by tabs. Runbook files with errors: the problems as {@code
   * file:line:column: message} and exit 1.
   */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List the runbooks: name, match, steps, description (tab-separated).",
        "Exit 1 when the runbook files have errors, printing them as file:line:column: message."
      })
  static class ListRunbooks implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = "runbooks",
        description = "Runbook files: a directory of *.yaml files, or a file (default: runbooks).")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.exists(dir)) {
        out.println(dir + ":1:1: no such file or directory");
        out.flush();
        return 1;
      }
      RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
      if (loaded.runbooks().isEmpty()) {
        loaded.problems().forEach(out::println);
        out.flush();
        return 1;
      }
      loaded.problems().forEach(out::println);
      for (Runbook runbook : loaded.runbooks().get()) {
        int steps = runbook.steps().size();
        String rollback =
            runbook.rollback().isEmpty() ? "" : " + " + runbook.rollback().size() + " rollback";
        out.println(
            runbook.name()
                + "\t"
                + match(runbook)
                + "\t"
                + steps
                + (steps == 1 ? " step" : " steps")
                + rollback
                + "\t"
                + runbook.description());
      }
      out.flush();
      return 0;
    }

    /** {@code {alertname="KubePodCrashLooping", namespace=glob("prod-*")}}. */
    private static String match(Runbook runbook) {
      return runbook.match().entrySet().stream()
          .map(entry -> entry.getKey() + "=" + entry.getValue())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /**
   * {@code warden runbook plan NAME --alert ALERT.json}: the steps of a run of the runbook for the
   * alert, with their resolved parameters, each step's policy decision and the equivalent command,
   * without running anything and without a cluster. Exit 0 with a plan; 2 on bad input.
   */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Show what a run of the runbook for the alert would do, without running anything:",
        "each step with its resolved parameters, the policy's decision and the equivalent command.",
        "Outputs of earlier steps are known only during a run; they show as <steps.ID.output.NAME>.",
        "Exit 0 with a plan; 2 on bad input."
      })
  static class Plan implements Callable<Integer> {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The runbook's name.")
    String name;

    @Mixin AlertOptions alert;

    @Option(
        names = "--dir",
        defaultValue = "runbooks",
        paramLabel = "DIR",
        description = "Runbook files (default: runbooks).")
    Path dir;

    @Option(
        names = "--policies",
        defaultValue = "policies",
        paramLabel = "DIR",
        description = "Policy files (default: policies).")
    Path policies;

    @Option(
        names = "--cluster",
        paramLabel = "NAME",
        description = "The cluster the run would act on (default: the default cluster).")
    String cluster;

    @Option(
        names = "--global-freeze",
        description = "Decide as if the global freeze switch were on.")
    boolean globalFreeze;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Runbook runbook = Runbooks.find(dir, name);
        PolicySet policySet = Runbooks.policies(policies);
        AlertInput input = alert.read();
        Instant now = Instant.now();
        Optional<GlobalFreeze> freeze =
            globalFreeze
                ? Optional.of(new GlobalFreeze("--global-freeze", "warden runbook plan", now))
                : Optional.empty();
        RunPlan plan =
            new RunPlanner(() -> policySet, () -> freeze, Clock.systemUTC(), Kubectl::command)
                .plan(
                    runbook,
                    input,
                    Optional.ofNullable(cluster),
                    Requester.runbook(runbook.name()));
        if (json) {
          out.println(JSON.writeValueAsString(toJson(plan)));
        } else {
          print(plan, out);
        }
        out.flush();
        return 0;
      } catch (CliInputException | IllegalArgumentException | Template.RenderException e) {
        err.println("runbook plan: " + e.getMessage());
        err.flush();
        return 2;
      }
    }

    private static void print(RunPlan plan, PrintWriter out) {
      out.println("runbook " + plan.runbook());
      plan.params().forEach((key, value) -> out.println("  param " + key + " = " + value));
      int number = 1;
      boolean rollbackShown = false;
      for (RunPlan.Planned step : plan.steps()) {
        if (step.rollback() && !rollbackShown) {
          out.println("on rollback:");
          rollbackShown = true;
        }
        Decision decision = step.decision();
        StringBuilder line = new StringBuilder();
        line.append(number++)
            .append(". ")
            .append(step.stepId())
            .append("  ")
            .append(step.kind())
            .append("  ")
            .append(decision.level().wireName());
        decision.rule().ifPresent(rule -> line.append(" (rule ").append(rule).append(')'));
        decision
            .approvals()
            .ifPresent(
                approvals ->
                    line.append(", ")
                        .append(approvals.min())
                        .append(" of ")
                        .append(String.join(", ", approvals.approvers()))
                        .append(" within ")
                        .append(approvals.ttl().toMinutes())
                        .append("m"));
        out.println(line);
        step.parameters().forEach((key, value) -> out.println("     " + key + ": " + value));
        decision.reasons().forEach(reason -> out.println("     why: " + reason));
        step.command().ifPresent(command -> out.println("     by hand: " + command));
      }
    }

    private static Map<String, Object> toJson(RunPlan plan) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("runbook", plan.runbook());
      root.put("params", plan.params());
      List<Map<String, Object>> steps = new ArrayList<>();
      for (RunPlan.Planned step : plan.steps()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", step.stepId());
        entry.put("rollback", step.rollback());
        entry.put("kind", step.kind());
        entry.put("parameters", step.parameters());
        entry.put("decision", DecisionJson.toMap(step.decision()));
        step.command().ifPresent(command -> entry.put("command", command));
        steps.add(entry);
      }
      root.put("steps", steps);
      return root;
    }
  }

  /**
   * {@code warden runbook run NAME --alert ALERT.json}: starts a run against the configured cluster
   * and prints its progress until it ends. The run lives in the database: a step that waits for
   * approval waits there, and a server on the same database carries the run on if this command is
   * stopped. Exit 0 when the run succeeded, 3 when it was rolled back, 1 when it failed or was
   * cancelled, 2 on bad input, 4 when it was left running ({@code --detach}).
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the runbook for the alert against the configured cluster, printing progress.",
        "Every step goes through the policy engine: approve-first steps wait for approvals",
        "(./warden approvals), passive steps print their kubectl command and do not run.",
        "Other --name=value options are Spring Boot properties, as for serve.",
        "Exit 0 succeeded, 3 rolled back, 1 failed or cancelled, 2 bad input, 4 detached."
      })
  static class RunRunbook implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The runbook's name.")
    String name;

    @Mixin AlertOptions alert;

    @Option(
        names = "--cluster",
        paramLabel = "NAME",
        description = "The configured cluster to act on (default: the default cluster).")
    String cluster;

    @Option(
        names = "--as",
        paramLabel = "USER",
        description =
            "Run as this person (a Slack user id): they may not approve its steps. Default: as"
                + " the runbook, like a run an alert starts.")
    String as;

    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description =
            "Start the run at this time (ISO-8601, e.g. 2026-12-24T03:00:00Z) instead of now;"
                + " the run waits in the database and a server on it starts it then.")
    Instant at;

    @Option(
        names = "--detach",
        description =
            "Take the run as far as it goes now (to a step that waits, or the end) and return;"
                + " a server on the same database carries it on.")
    boolean detach;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AlertInput input;
      try {
        input = alert.read();
      } catch (CliInputException | IllegalArgumentException e) {
        err.println("runbook run: " + e.getMessage());
        err.flush();
        return 2;
      }
      try (ConfigurableApplicationContext context = ServerContext.start(spec, springArgs)) {
        RunbookRepository repository = context.getBean(RunbookRepository.class);
        Optional<Runbook> runbook = repository.find(name);
        if (runbook.isEmpty()) {
          err.println(
              "runbook run: no runbook "
                  + name
                  + " in "
                  + repository.dir()
                  + " (there are: "
                  + repository.all().stream().map(Runbook::name).collect(Collectors.joining(", "))
                  + ")");
          err.flush();
          return 2;
        }
        RunbookEngine engine = context.getBean(RunbookEngine.class);
        Run run;
        try {
          run =
              engine.start(
                  runbook.get(),
                  input,
                  Optional.ofNullable(cluster),
                  as == null ? Requester.runbook(name) : Requester.person(as),
                  Optional.empty(),
                  Optional.ofNullable(at));
        } catch (Template.RenderException e) {
          err.println("runbook run: " + e.getMessage());
          err.flush();
          return 2;
        }
        if (run.notBefore().isPresent()) {
          out.println(
              "run "
                  + run.id()
                  + " of "
                  + name
                  + " scheduled for "
                  + run.notBefore().get()
                  + "; a server on the same database starts it then");
          out.flush();
          return 4;
        }
        out.println("run " + run.id() + " of " + name + " started");
        out.flush();
        if (detach) {
          // as far as it goes now (to a step that waits, or the end); a server carries it on
          engine.advance(run.id());
          Run now = engine.find(run.id()).orElseThrow();
          new RunProgress(context.getBean(ApprovalStore.class), out).print(now);
          out.println("run " + now.state().wireName() + "; detached");
          out.flush();
          return now.state().terminal() ? RunProgress.exitCode(now.state()) : 4;
        }
        return new RunProgress(context.getBean(ApprovalStore.class), out).follow(engine, run.id());
      }
    }
  }

  /**
   * {@code warden runbook status [RUN]}: one run with its steps, or the latest runs. Exit 0; 1 when
   * there is no such run.
   */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show a run with each step's state, decision, summary and error;",
        "without RUN, the latest runs (newest first). Exit 1 when there is no such run."
      })
  static class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(
        names = "--limit",
        defaultValue = "20",
        paramLabel = "N",
        description = "How many runs to list without RUN (default: 20).")
    int limit;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = ServerContext.start(spec, springArgs)) {
        RunStore runs = context.getBean(RunStore.class);
        if (runId == null) {
          for (Run run : runs.recent(limit)) {
            out.println(
                run.id()
                    + "\t"
                    + run.runbook()
                    + "\t"
                    + run.state().wireName()
                    + "\t"
                    + run.createdAt()
                    + "\t"
                    + run.note().orElse(""));
          }
          out.flush();
          return 0;
        }
        Optional<Run> found = runs.find(runId);
        if (found.isEmpty()) {
          spec.commandLine().getErr().println("runbook status: no run " + runId);
          spec.commandLine().getErr().flush();
          return 1;
        }
        Run run = found.get();
        out.println(
            "run "
                + run.id()
                + " of "
                + run.runbook()
                + ": "
                + run.state().wireName()
                + run.notBefore().map(at -> ", scheduled for " + at).orElse("")
                + run.note().map(note -> " (" + note + ")").orElse(""));
        new RunProgress(context.getBean(ApprovalStore.class), out).print(run);
        out.flush();
        return 0;
      }
    }
  }

  /**
   * {@code warden runbook cancel RUN --as USER [--reason TEXT]}: cancels a run; its pending
   * approval request is withdrawn and no further step starts. Exit 0 when cancelled, 1 when there
   * is no such run or it was over.
   */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Cancel a run: its pending approval is withdrawn, no further step starts.",
        "Exit 0 when cancelled, 1 when there is no such run or it is already over."
      })
  static class Cancel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(names = "--as", required = true, paramLabel = "USER", description = "Who cancels.")
    String as;

    @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
    String reason;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = ServerContext.start(spec, springArgs)) {
        Optional<Run> cancelled = context.getBean(RunbookEngine.class).cancel(runId, as, reason);
        if (cancelled.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println("runbook cancel: no run " + runId + " that is not over");
          spec.commandLine().getErr().flush();
          return 1;
        }
        out.println("run " + runId + " cancelled");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code --alert ALERT.json [--index N]}: the alert a plan or run is for. */
  static class AlertOptions {
    @Option(
        names = "--alert",
        required = true,
        paramLabel = "ALERT.json",
        description =
            "The alert: an Alertmanager notification, or one alert with labels and annotations"
                + " (- for standard input).")
    String file;

    @Option(
        names = "--index",
        defaultValue = "0",
        paramLabel = "N",
        description = "Which alert of a notification (default: 0, the first).")
    int index;

    /**
     * The alert.
     *
     * @throws CliInputException when the file cannot be read
     * @throws IllegalArgumentException when it is not an alert
     */
    AlertInput read() {
      return AlertInput.fromJson(Runbooks.read(file), index);
    }
  }
}
