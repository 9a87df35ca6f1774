package dev.warden.core.testing;

import dev.warden.core.llm.UsageLedger;
import dev.warden.core.llm.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The cost ledger in a list, for tests of the gateway. */
public final class InMemoryUsageLedger implements UsageLedger {
  private final List<UsageRecord> records = new ArrayList<>();

  @Override
  public synchronized void record(UsageRecord usage) {
    records.add(usage);
  }

  @Override
  public synchronized BigDecimal spent(String feature, Instant from, Instant to) {
    return sum(r -> r.feature().equals(feature) && within(r, from, to));
  }

  @Override
  public synchronized BigDecimal spent(String feature, String scope, Instant from, Instant to) {
    return sum(r -> r.feature().equals(feature) && r.scope().equals(scope) && within(r, from, to));
  }

  @Override
  public synchronized List<UsageRecord> between(Instant from, Instant to) {
    return records.stream().filter(r -> within(r, from, to)).toList();
  }

  /** Every record, oldest first. */
  public synchronized List<UsageRecord> all() {
    return List.copyOf(records);
  }

  private BigDecimal sum(Predicate<UsageRecord> which) {
    return records.stream()
        .filter(which)
        .map(UsageRecord::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static boolean within(UsageRecord r, Instant from, Instant to) {
    return !r.at().isBefore(from) && r.at().isBefore(to);
  }
}
