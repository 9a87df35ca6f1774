package dev.warden.core.chat.command;

import dev.warden.core.chat.MessageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One open alert group, as {@code /warden alerts} lists it.
 *
 * @param name what the group is about: its common alert name ({@code KubePodCrashLooping}), or its
 *     group key where the alerts differ
 * @param firing how many of its alerts fire
 * @param resolved how many have resolved
 * @param since when its first alert started firing
 * @param thread the root message of its chat thread, if Warden posted one
 */
public record OpenAlertGroup(
    String name, int firing, int resolved, Instant since, Optional<MessageRef> thread) {
  public OpenAlertGroup {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an alert group needs a name, not " + name);
    }
    if (firing < 0 || resolved < 0) {
      throw new IllegalArgumentException(
          "alert counts must not be negative, not "
              + firing
              + " firing, "
              + resolved
              + " resolved");
    }
    Objects.requireNonNull(since, "since");
    thread = thread == null ? Optional.empty() : thread;
  }
}
