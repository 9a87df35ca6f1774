package dev.warden.app.cli;

import dev.warden.core.action.ActionFormatException;
import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.definition.Problem;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.DecisionJson;
import dev.warden.core.policy.GlobalFreeze;
import dev.warden.core.policy.PolicyEngine;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Situation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden policy}: offline questions to the policy engine. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Ask the policy engine, offline.",
    subcommands = {PolicyCommand.Check.class})
class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code warden policy check --policies DIR --action FILE.json}: the decision for one action as
   * JSON; exit 0. Bad input (unreadable files, an action that is not the documented shape, policy
   * files with errors) exits 2 with a message on stderr.
   */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Print the decision for one action as JSON: level, the deciding rule, every matching rule"
            + " with why, approvers and TTL for approve-first.",
        "Exit 0 with a decision; 2 on bad input."
      })
  static class Check implements Callable<Integer> {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec CommandSpec spec;

    @Option(
        names = "--policies",
        required = true,
        paramLabel = "DIR",
        description = "Policy files: a directory of *.yaml files, or a file. Repeatable.")
    List<Path> policies;

    @Option(
        names = "--action",
        required = true,
        paramLabel = "FILE.json",
        description = "The proposed action as JSON (- for standard input).")
    String action;

    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description = "Decide as of this time (ISO-8601, e.g. 2026-12-24T10:00:00Z); default now.")
    Instant at;

    @Option(
        names = "--global-freeze",
        description = "Decide as if the global freeze switch were on.")
    boolean globalFreeze;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      PolicyLoader.Loaded loaded = PolicyLoader.load(policies);
      if (loaded.policies().isEmpty()) {
        err.println("policy check: the policy files have errors:");
        loaded.problems().stream().filter(Problem::isError).forEach(err::println);
        err.flush();
        return 2;
      }
      ProposedAction proposed;
      try {
        proposed = ActionJson.parse(readAction());
      } catch (IOException e) {
        err.println("policy check: cannot read " + action + ": " + e.getMessage());
        err.flush();
        return 2;
      } catch (ActionFormatException e) {
        err.println("policy check: " + action + ": " + e.getMessage());
        err.flush();
        return 2;
      }
      Instant now = at != null ? at : Instant.now();
      Situation situation =
          new Situation(
              now,
              globalFreeze
                  ? Optional.of(new GlobalFreeze("--global-freeze", "warden policy check", now))
                  : Optional.empty());
      PolicySet set = loaded.policies().get();
      Decision decision = new PolicyEngine().decide(set, proposed, situation);
      PrintWriter out = spec.commandLine().getOut();
      out.println(JSON.writeValueAsString(DecisionJson.toMap(decision)));
      out.flush();
      return 0;
    }

    private String readAction() throws IOException {
      if (action.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(action), StandardCharsets.UTF_8);
    }
  }
}
