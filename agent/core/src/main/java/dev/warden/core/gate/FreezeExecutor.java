package dev.warden.core.gate;

import dev.warden.core.action.ActionKinds;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.GlobalFreeze;
import java.time.Clock;
import java.util.Set;

/**
 * Runs {@code warden.freeze}: parameters {@code on} (boolean) and {@code reason}. Switching the
 * global freeze is itself an action, so the policies decide who may do it.
 */
final class FreezeExecutor implements ActionExecutor {
  private final FreezeSwitch freezeSwitch;
  private final Clock clock;

  FreezeExecutor(FreezeSwitch freezeSwitch, Clock clock) {
    this.freezeSwitch = freezeSwitch;
    this.clock = clock;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(ActionKinds.FREEZE);
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    Object on = permit.action().parameters().get("on");
    if (!(on instanceof Boolean)) {
      return ExecutionResult.failed("warden.freeze needs the parameter on: true or false");
    }
    if ((Boolean) on) {
      Object reason = permit.action().parameters().getOrDefault("reason", "no reason given");
      freezeSwitch.switchOn(
          new GlobalFreeze(
              String.valueOf(reason), permit.action().requester().id(), clock.instant()));
      return ExecutionResult.succeeded("global freeze on: " + reason);
    }
    freezeSwitch.switchOff();
    return ExecutionResult.succeeded("global freeze off");
  }
}
