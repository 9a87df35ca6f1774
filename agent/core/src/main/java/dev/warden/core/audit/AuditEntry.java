package dev.warden.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One link of the chain.
 *
 * @param seq position, 1 for the first entry, without gaps
 * @param at when it happened (microsecond precision)
 * @param type what happened
 * @param body canonical JSON
 * @param previousHash the hash of entry {@code seq - 1}, or {@link AuditChain#GENESIS}
 * @param hash this entry's hash over all of the above
 */
public record AuditEntry(
    long seq, Instant at, String type, String body, String previousHash, String hash) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
