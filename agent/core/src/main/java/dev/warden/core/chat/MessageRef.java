package dev.warden.core.chat;

/**
 * Where a posted message is: its channel and the timestamp the chat service gave it (Slack's {@code
 * ts}, which identifies a message within its channel and is the {@code thread_ts} of replies to
 * it).
 *
 * @param channel the channel id
 * @param ts the message's timestamp as the service wrote it ({@code 1767225661.000200}); kept as
 *     text, since it is an identifier and not a number to compute with
 */
public record MessageRef(String channel, String ts) {

  public MessageRef {
    channel = required(channel, "channel");
    ts = required(ts, "ts");
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a message reference needs a " + name + ", not " + value);
    }
    return value;
  }
}
