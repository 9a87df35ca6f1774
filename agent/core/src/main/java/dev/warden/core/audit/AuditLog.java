package dev.warden.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * The append-only store of the chain. {@link #append} is serialised across threads and replicas:
 * each entry links to the one appended just before it.
 */
public interface AuditLog {
  /**
   * Appends a record as the next link (via {@link AuditChain#link}) and returns the entry.
   *
   * @throws RuntimeException when it could not be stored; callers treat that as a fault
   */
  AuditEntry append(AuditRecord record);

  /** Up to {@code limit} entries with {@code seq >= fromSeq}, in order. */
  List<AuditEntry> read(long fromSeq, int limit);

  /** The sequence number and hash of the last entry, as stored separately from the entries. */
  Optional<AuditHead> head();
}
