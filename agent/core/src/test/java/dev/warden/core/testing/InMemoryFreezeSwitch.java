package dev.warden.core.testing;

import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.GlobalFreeze;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A fake {@link FreezeSwitch} in memory. */
public final class InMemoryFreezeSwitch implements FreezeSwitch {
  private final AtomicReference<GlobalFreeze> freeze = new AtomicReference<>();

  @Override
  public Optional<GlobalFreeze> current() {
    return Optional.ofNullable(freeze.get());
  }

  @Override
  public void switchOn(GlobalFreeze freeze) {
    this.freeze.set(freeze);
  }

  @Override
  public void switchOff() {
    freeze.set(null);
  }
}
