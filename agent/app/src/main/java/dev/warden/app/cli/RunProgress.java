package dev.warden.app.cli;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a run's progress as it happens: one line per step state change, the approval request a
 * step waits for (with its preview and who may approve), and the run's end. It only reads the run;
 * the engine's durable timers move it on.
 */
final class RunProgress {
  private static final Duration POLL = Duration.ofMillis(250);

  private final ApprovalStore approvals;
  private final PrintWriter out;
  private final Map<Integer, StepState> seen = new HashMap<>();

  RunProgress(ApprovalStore approvals, PrintWriter out) {
    this.approvals = approvals;
    this.out = out;
  }

  /** Follows the run until it ends and returns the command's exit code for how it ended. */
  int follow(RunbookEngine engine, String runId) throws InterruptedException {
    for (; ; ) {
      Optional<Run> found = engine.find(runId);
      if (found.isEmpty()) {
        out.println("run " + runId + " is gone");
        out.flush();
        return 1;
      }
      Run run = found.get();
      for (StepRun step : run.steps()) {
        if (seen.put(step.index(), step.state()) != step.state()
            && step.state() != StepState.PENDING) {
          print(run, step);
        }
      }
      out.flush();
      if (run.state().terminal()) {
        out.println(
            "run " + run.state().wireName() + run.note().map(note -> ": " + note).orElse(""));
        out.flush();
        return exitCode(run.state());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Prints every step of the run that has started, as it stands. */
  void print(Run run) {
    for (StepRun step : run.steps()) {
      if (step.state() != StepState.PENDING) {
        print(run, step);
      }
    }
  }

  private void print(Run run, StepRun step) {
    int total = run.steps().size();
    String line =
        "step "
            + (step.index() + 1)
            + "/"
            + total
            + " "
            + step.stepId()
            + " ("
            + step.kind()
            + (step.rollback() ? ", rollback" : "")
            + "): "
            + step.state().wireName()
            + step.level().map(level -> " [" + level + "]").orElse("");
    out.println(line);
    step.summary().ifPresent(summary -> out.println("    " + summary));
    step.error().ifPresent(error -> out.println("    error: " + error));
    if (step.state() == StepState.AWAITING_APPROVAL) {
      approvals.find(step.requestId()).ifPresent(this::printRequest);
    }
  }

  private void printRequest(ApprovalRequest request) {
    out.println(
        "    approval request "
            + request.id()
            + request.rule().map(rule -> " (rule " + rule + ")").orElse("")
            + ": "
            + request.requirement().min()
            + " of "
            + String.join(", ", request.requirement().approvers())
            + ", expires "
            + request.expiresAt());
    request
        .preview()
        .ifPresent(preview -> preview.lines().forEach(text -> out.println("    | " + text)));
    out.println(
        "    approve: ./warden approvals approve "
            + request.id()
            + " --hash "
            + ApprovalsCommand.shortHash(request.actionHash())
            + " --as USER");
  }

  static int exitCode(RunState state) {
    return switch (state) {
      case SUCCEEDED -> 0;
      case ROLLED_BACK -> 3;
      default -> 1;
    };
  }
}
