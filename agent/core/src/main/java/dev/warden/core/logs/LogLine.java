package dev.warden.core.logs;

/**
 * One log line split into its header fields and its message.
 *
 * @param content the message, what the miner sees
 * @param level the level as written ({@code INFO}, {@code error}, {@code W}), or empty
 * @param component the component or logger, or empty
 * @param time the timestamp as written, or empty
 */
public record LogLine(String content, String level, String component, String time) {}
