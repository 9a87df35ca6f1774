package dev.warden.core.audit;

/**
 * The last link as recorded next to the chain, so that removing entries from the end is noticed.
 *
 * @param seq the last entry's sequence number
 * @param hash the last entry's hash
 */
public record AuditHead(long seq, String hash) {}
