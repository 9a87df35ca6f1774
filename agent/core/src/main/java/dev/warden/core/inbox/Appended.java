package dev.warden.core.inbox;

/**
 * The result of storing an entry.
 *
 * @param id the inbox id of the entry: the new one, or the one stored earlier with the same key
 * @param created false when an entry with the same source and key was already there
 */
public record Appended(long id, boolean created) {}
