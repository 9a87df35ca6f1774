package dev.warden.app.cli;

import dev.warden.core.definition.Problem;
import dev.warden.core.definition.YamlDocument;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.runbook.RunbookLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden validate [PATH...]}: checks policy and runbook files and prints every problem as
 * {@code file:line:column: message}. Exit 1 on any error; warnings alone exit 0.
 *
 * <p>Without paths it checks {@code policies/} and, if it is there, {@code runbooks/}. A path given
 * explicitly is checked as runbooks when it is a directory named {@code runbooks}, or a file in
 * such a directory or with a top-level {@code steps:} key; otherwise as policies.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate policy and runbook files: schema, names, groups, conditions, freezes; step"
          + " kinds, step ids, templates.",
      "Without PATH: policies and runbooks. A directory named runbooks, a file in one, or a file"
          + " with a top-level steps key is read as runbooks; anything else as policies.",
      "Every problem is printed as file:line:column: message. Exit 1 on any error."
    })
class ValidateCommand implements Callable<Integer> {
  private static final Pattern TOP_LEVEL_STEPS = Pattern.compile("(?m)^steps[ \\t]*:");

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Policy or runbook files or directories (default: policies and runbooks).")
  List<Path> paths = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> targets = paths;
    if (targets.isEmpty()) {
      targets = new ArrayList<>(List.of(Path.of("policies")));
      if (Files.isDirectory(Path.of("runbooks"))) {
        targets.add(Path.of("runbooks"));
      }
    }
    for (Path target : targets) {
      if (!Files.exists(target)) {
        out.println(target + ":1:1: no such file or directory");
        out.flush();
        return 1;
      }
    }
    List<Path> policyTargets = new ArrayList<>();
    List<Path> runbookTargets = new ArrayList<>();
    for (Path target : targets) {
      (isRunbooks(target) ? runbookTargets : policyTargets).add(target);
    }
    List<Problem> problems = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    if (!policyTargets.isEmpty()) {
      PolicyLoader.Loaded loaded = PolicyLoader.load(policyTargets);
      problems.addAll(loaded.problems());
      loaded
          .policies()
          .ifPresent(
              set ->
                  summaries.add(
                      "OK: "
                          + set.rules().size()
                          + " rule(s), "
                          + set.groups().size()
                          + " group(s), "
                          + set.freezes().size()
                          + " freeze(s), "
                          + warnings(loaded.problems())
                          + " warning(s); version "
                          + set.version()));
    }
    if (!runbookTargets.isEmpty()) {
      RunbookLoader.Loaded loaded = RunbookLoader.load(runbookTargets);
      problems.addAll(loaded.problems());
      loaded
          .runbooks()
          .ifPresent(
              runbooks ->
                  summaries.add(
                      "OK: "
                          + runbooks.size()
                          + " runbook(s), "
                          + runbooks.stream().mapToInt(r -> r.steps().size()).sum()
                          + " step(s), "
                          + warnings(loaded.problems())
                          + " warning(s)"));
    }
    problems.forEach(out::println);
    long errors = problems.stream().filter(Problem::isError).count();
    if (errors > 0) {
      out.println(errors + " error(s), " + warnings(problems) + " warning(s)");
      out.flush();
      return 1;
    }
    summaries.forEach(out::println);
    out.flush();
    return 0;
  }

  private static long warnings(List<Problem> problems) {
    return problems.stream().filter(problem -> !problem.isError()).count();
  }

  /**
   * A directory named {@code runbooks}, a file in one, or a file whose text has a top-level {@code
   * steps:} key.
   */
  static boolean isRunbooks(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      return named(absolute, "runbooks");
    }
    if (named(absolute.getParent(), "runbooks")) {
      return true;
    }
    try {
      // a file too large to read is reported by the loader; classify it as a policy file
      return Files.size(target) <= YamlDocument.MAX_BYTES
          && TOP_LEVEL_STEPS
              .matcher(new String(Files.readAllBytes(target), StandardCharsets.UTF_8))
              .find();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean named(Path path, String name) {
    return path != null && path.getFileName() != null && path.getFileName().toString().equals(name);
  }
}
