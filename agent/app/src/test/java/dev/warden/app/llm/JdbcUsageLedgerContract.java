package dev.warden.app.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.llm.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * What every database must do for the gateway's cost ledger; run on H2 ({@link
 * JdbcUsageLedgerH2Test}) and on a real PostgreSQL ({@link JdbcUsageLedgerPostgresIT}).
 */
abstract class JdbcUsageLedgerContract {
  private static final Instant FROM = Instant.parse("2026-11-27T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-28T00:00:00Z");

  private JdbcUsageLedger ledger;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    ledger = new JdbcUsageLedger(freshDatabase());
  }

  private static UsageRecord usage(Instant at, String feature, String scope, String cost) {
    return new UsageRecord(
        at,
        feature,
        scope,
        "openai",
        "gpt-4o-mini",
        feature + "@1",
        "model",
        1_000,
        250,
        new BigDecimal(cost));
  }

  @Test
  void startsEmptyAndSpendsNothing() {
    assertThat(ledger.between(FROM, TO)).isEmpty();
    assertThat(ledger.spent("review", FROM, TO)).isEqualTo(new BigDecimal("0.000000"));
    assertThat(ledger.spent("review", "acme/api", FROM, TO)).isEqualTo(new BigDecimal("0.000000"));
  }

  @Test
  void readsBackWhatWasRecordedToTheMicrosecond() {
    UsageRecord model =
        new UsageRecord(
            Instant.parse("2026-11-27T10:00:00.123456789Z"),
            "review",
            "acme/api",
            "anthropic",
            "claude-haiku-4-5",
            "review@3",
            "model",
            12_345,
            678,
            new BigDecimal("0.012345"));
    UsageRecord cached =
        new UsageRecord(
            Instant.parse("2026-11-27T10:00:01Z"),
            "summarise",
            "",
            "openai",
            "gpt-4o-mini",
            "summarise@2",
            "cache",
            0,
            0,
            new BigDecimal("0.000000"));
    UsageRecord deterministic =
        new UsageRecord(
            Instant.parse("2026-11-27T10:00:02Z"),
            "triage",
            "#ops",
            "none",
            "",
            "triage@1",
            "deterministic",
            0,
            0,
            BigDecimal.ZERO);

    ledger.record(model);
    ledger.record(cached);
    ledger.record(deterministic);

    assertThat(ledger.between(FROM, TO))
        .containsExactly(
            new UsageRecord(
                Instant.parse("2026-11-27T10:00:00.123456Z"),
                "review",
                "acme/api",
                "anthropic",
                "claude-haiku-4-5",
                "review@3",
                "model",
                12_345,
                678,
                new BigDecimal("0.012345")),
            cached,
            new UsageRecord(
                deterministic.at(),
                "triage",
                "#ops",
                "none",
                "",
                "triage@1",
                "deterministic",
                0,
                0,
                new BigDecimal("0.000000")));
  }

  @Test
  void readsAWindowOldestFirstFromIncludedToExcluded() {
    ledger.record(usage(TO, "review", "a", "0.000001"));
    ledger.record(usage(FROM.plusSeconds(60), "review", "a", "0.000002"));
    ledger.record(usage(FROM, "review", "a", "0.000003"));
    ledger.record(usage(FROM.minusNanos(1_000), "review", "a", "0.000004"));
    ledger.record(usage(TO.minusNanos(1_000), "review", "a", "0.000005"));

    assertThat(ledger.between(FROM, TO))
        .extracting(UsageRecord::at)
        .containsExactly(FROM, FROM.plusSeconds(60), TO.minusNanos(1_000));
  }

  @Test
  void spentSumsAFeaturesCostsInTheWindowExactly() {
    ledger.record(usage(FROM, "review", "acme/api", "0.000150"));
    ledger.record(usage(TO.minusNanos(1_000), "review", "acme/web", "0.000600"));
    ledger.record(usage(TO, "review", "acme/api", "1.000000"));
    ledger.record(usage(FROM.minusNanos(1_000), "review", "acme/api", "2.000000"));
    ledger.record(usage(FROM.plusSeconds(60), "summarise", "acme/api", "4.000000"));

    assertThat(ledger.spent("review", FROM, TO)).isEqualTo(new BigDecimal("0.000750"));
    assertThat(ledger.spent("summarise", FROM, TO)).isEqualTo(new BigDecimal("4.000000"));
    assertThat(ledger.spent("triage", FROM, TO)).isEqualTo(new BigDecimal("0.000000"));
    assertThat(ledger.spent("review", TO, TO.plusSeconds(1))).isEqualTo(new BigDecimal("1.000000"));
  }

  @Test
  void spentPerScopeCountsOnlyThatScope() {
    ledger.record(usage(FROM, "review", "acme/api", "0.000150"));
    ledger.record(usage(FROM.plusSeconds(1), "review", "acme/api", "0.000600"));
    ledger.record(usage(FROM.plusSeconds(2), "review", "acme/web", "0.010000"));
    ledger.record(usage(FROM.plusSeconds(3), "summarise", "acme/api", "0.100000"));
    ledger.record(usage(TO, "review", "acme/api", "1.000000"));

    assertThat(ledger.spent("review", "acme/api", FROM, TO)).isEqualTo(new BigDecimal("0.000750"));
    assertThat(ledger.spent("review", "acme/web", FROM, TO)).isEqualTo(new BigDecimal("0.010000"));
    assertThat(ledger.spent("review", "acme/ops", FROM, TO)).isEqualTo(new BigDecimal("0.000000"));
    assertThat(ledger.spent("summarise", "acme/api", FROM, TO))
        .isEqualTo(new BigDecimal("0.100000"));
  }

  @Test
  void manySmallCostsAddUpWithoutFloatingPointError() {
    for (int i = 0; i < 100; i++) {
      ledger.record(usage(FROM.plusSeconds(i), "review", "acme/api", "0.000001"));
      ledger.record(usage(FROM.plusSeconds(i), "review", "acme/api", "0.100000"));
    }

    assertThat(ledger.spent("review", FROM, TO)).isEqualTo(new BigDecimal("10.000100"));
  }

  @Test
  void keepsCostsToTheMicroDollarRoundingHalfUp() {
    ledger.record(usage(FROM, "review", "a", "0.0000015"));
    ledger.record(usage(FROM.plusSeconds(1), "review", "a", "0.0000014999"));
    ledger.record(usage(FROM.plusSeconds(2), "review", "a", "123456789012.123456"));

    assertThat(ledger.between(FROM, TO))
        .extracting(UsageRecord::costUsd)
        .containsExactly(
            new BigDecimal("0.000002"),
            new BigDecimal("0.000001"),
            new BigDecimal("123456789012.123456"));
    assertThat(ledger.spent("review", FROM, TO)).isEqualTo(new BigDecimal("123456789012.123459"));
  }

  @Test
  void refusesNegativeCostsAndTokens() {
    assertThatThrownBy(() -> ledger.record(usage(FROM, "review", "a", "-0.000001")))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(
            () ->
                ledger.record(
                    new UsageRecord(
                        FROM, "review", "a", "openai", "m", "t", "model", -1, 0, BigDecimal.ONE)))
        .isInstanceOf(DataAccessException.class);
    assertThat(ledger.between(FROM, TO)).isEqualTo(List.of());
  }
}
