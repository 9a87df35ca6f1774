package dev.warden.core.audit;

import java.util.Optional;

/**
 * The result of verifying the chain.
 *
 * @param intact whether every entry and the head check out
 * @param entries how many entries were verified intact (those before the first bad one)
 * @param lastHash the hash of the last intact entry
 * @param firstBad the sequence number of the first bad entry, when not intact
 * @param problem what is wrong with it
 */
public record Verification(
    boolean intact,
    long entries,
    String lastHash,
    Optional<Long> firstBad,
    Optional<String> problem) {
  static Verification intact(long entries, String lastHash) {
    return new Verification(true, entries, lastHash, Optional.empty(), Optional.empty());
  }

  static Verification broken(long seq, String problem) {
    return new Verification(
        false, Math.max(0, seq - 1), "", Optional.of(seq), Optional.of(problem));
  }
}
