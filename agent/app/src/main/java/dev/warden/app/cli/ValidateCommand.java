package dev.warden.app.cli;

import dev.warden.core.definition.Problem;
import dev.warden.core.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden validate [PATH...]}: checks policy files (runbooks come with the runbook engine)
 * and prints every problem as {@code file:line:column: message}. Exit 1 on any error; warnings
 * alone exit 0.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate policy files: schema, names, groups, conditions, freezes.",
      "Every problem is printed as file:line:column: message. Exit 1 on any error."
    })
class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Policy files or directories (default: policies).")
  List<Path> paths = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> targets = paths.isEmpty() ? List.of(Path.of("policies")) : paths;
    for (Path target : targets) {
      if (!Files.exists(target)) {
        out.println(target + ":1:1: no such file or directory");
        out.flush();
        return 1;
      }
    }
    PolicyLoader.Loaded loaded = PolicyLoader.load(targets);
    loaded.problems().forEach(out::println);
    long errors = loaded.problems().stream().filter(Problem::isError).count();
    long warnings = loaded.problems().size() - errors;
    if (errors > 0) {
      out.println(errors + " error(s), " + warnings + " warning(s)");
      out.flush();
      return 1;
    }
    var set = loaded.policies().orElseThrow();
    out.println(
        "OK: "
            + set.rules().size()
            + " rule(s), "
            + set.groups().size()
            + " group(s), "
            + set.freezes().size()
            + " freeze(s), "
            + warnings
            + " warning(s); version "
            + set.version());
    out.flush();
    return 0;
  }
}
