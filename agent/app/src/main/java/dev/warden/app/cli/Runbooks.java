package dev.warden.app.cli;

import dev.warden.core.definition.Problem;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What the runbook commands read: a runbook by name, the policies, an alert file. */
final class Runbooks {
  private Runbooks() {}

  /** The runbook of that name from the files in {@code dir}. */
  static Runbook find(Path dir, String name) {
    if (!Files.exists(dir)) {
      throw new CliInputException(dir + ":1:1: no such file or directory");
    }
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
    if (loaded.runbooks().isEmpty()) {
      throw new CliInputException("the runbook files have errors:\n" + errors(loaded.problems()));
    }
    List<Runbook> runbooks = loaded.runbooks().get();
    return runbooks.stream()
        .filter(runbook -> runbook.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new CliInputException(
                    "no runbook "
                        + name
                        + " in "
                        + dir
                        + " (there are: "
                        + runbooks.stream().map(Runbook::name).collect(Collectors.joining(", "))
                        + ")"));
  }

  /** The policy set of the files in {@code dir}. */
  static PolicySet policies(Path dir) {
    if (!Files.exists(dir)) {
      throw new CliInputException(dir + ":1:1: no such file or directory");
    }
    PolicyLoader.Loaded loaded = PolicyLoader.load(List.of(dir));
    if (loaded.policies().isEmpty()) {
      throw new CliInputException("the policy files have errors:\n" + errors(loaded.problems()));
    }
    return loaded.policies().get();
  }

  /** A file's text, or standard input's for {@code -}. */
  static String read(String file) {
    try {
      if (file.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliInputException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new CliInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String errors(List<Problem> problems) {
    return problems.stream()
        .filter(Problem::isError)
        .map(Problem::toString)
        .collect(Collectors.joining("\n"));
  }
}
