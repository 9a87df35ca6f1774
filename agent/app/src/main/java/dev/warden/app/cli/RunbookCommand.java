package dev.warden.app.cli;

import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden runbook}: the runbooks, offline. Running them comes with the runbook engine. */
@Command(
    name = "runbook",
    mixinStandardHelpOptions = true,
    description = "Look at the runbooks, offline.",
    subcommands = {RunbookCommand.ListRunbooks.class})
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
}
