package dev.warden.core.chat.alerts;

import dev.warden.core.event.Source;
import dev.warden.core.intake.Signatures;
import java.util.Objects;

/**
 * Identifies an alert group across its notifications: the sender, the sender's receiver and the
 * group key.
 *
 * @param source the sender (Alertmanager, Grafana)
 * @param receiver the receiver in the sender's configuration
 * @param groupKey the sender's key of the group
 */
public record AlertGroupId(Source source, String receiver, String groupKey) {
  private static final int ID_LENGTH = 32;

  public AlertGroupId {
    Objects.requireNonNull(source, "source");
    receiver = receiver == null ? "" : receiver;
    if (groupKey == null || groupKey.isBlank()) {
      throw new IllegalArgumentException("an alert group needs a group key, not " + groupKey);
    }
  }

  /** A short, URL-safe hash of the three parts (32 lower-case hex digits). */
  public String hash() {
    return shortHash(source.id() + "\n" + receiver + "\n" + groupKey);
  }

  /**
   * The id of the group's thread for its {@code episode}: 32 lower-case hex digits, stable for the
   * same group and episode, short enough for a button's value.
   */
  public String threadId(int episode) {
    if (episode < 1) {
      throw new IllegalArgumentException("episodes count from 1, was " + episode);
    }
    return shortHash(source.id() + "\n" + receiver + "\n" + groupKey + "\n" + episode);
  }

  private static String shortHash(String text) {
    return Signatures.sha256Hex(text).substring(0, ID_LENGTH);
  }
}
