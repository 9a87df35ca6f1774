package dev.warden.core.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Where the gateway records what each call cost, and reads what a budget has spent. */
public interface UsageLedger {

  /** Adds one record; never throws for a well-formed record except on storage failure. */
  void record(UsageRecord usage);

  /** The total cost of a feature's calls in [from, to), over every scope. */
  BigDecimal spent(String feature, Instant from, Instant to);

  /** The total cost of a feature's calls for one scope (repository or channel) in [from, to). */
  BigDecimal spent(String feature, String scope, Instant from, Instant to);

  /** The records in [from, to), oldest first. */
  List<UsageRecord> between(Instant from, Instant to);
}
