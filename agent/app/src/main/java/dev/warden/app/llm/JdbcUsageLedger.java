package dev.warden.app.llm;

import dev.warden.core.llm.UsageLedger;
import dev.warden.core.llm.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway's cost ledger in a relational database (H2 or PostgreSQL, same SQL): one inserted row
 * per answer in {@code llm_usage}, summed for budgets and read back for reports.
 *
 * <p>Costs are kept as exact decimals of {@value #COST_SCALE} places (micro-dollars): a cost with
 * more places is rounded half up once, here, so that both databases store the same value, and sums
 * are exact. Every amount this ledger returns has that scale, {@code 0.000000} included. Times are
 * stored as {@code TIMESTAMP WITH TIME ZONE} at microsecond precision, which both databases keep; a
 * finer instant is truncated to the microsecond before it is stored, so that windows compare the
 * same value on both.
 */
public class JdbcUsageLedger implements UsageLedger {
  /** The decimal places of every cost stored and returned. */
  public static final int COST_SCALE = 6;

  private static final String COLUMNS =
      "at, feature, scope, provider, model, template, producer, tokens_in, tokens_out, cost_usd";

  private final JdbcClient jdbc;

  public JdbcUsageLedger(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public void record(UsageRecord usage) {
    jdbc.sql(
            "INSERT INTO llm_usage ("
                + COLUMNS
                + ") VALUES (:at, :feature, :scope, :provider, :model, :template, :producer,"
                + " :tokensIn, :tokensOut, :cost)")
        .param("at", timestamp(usage.at()))
        .param("feature", usage.feature())
        .param("scope", usage.scope())
        .param("provider", usage.provider())
        .param("model", usage.model())
        .param("template", usage.template())
        .param("producer", usage.producer())
        .param("tokensIn", usage.tokensIn())
        .param("tokensOut", usage.tokensOut())
        .param("cost", usd(usage.costUsd()))
        .update();
  }

  @Override
  public BigDecimal spent(String feature, Instant from, Instant to) {
    return usd(
        jdbc.sql(
                "SELECT SUM(cost_usd) FROM llm_usage"
                    + " WHERE feature = :feature AND at >= :from AND at < :to")
            .param("feature", feature)
            .param("from", timestamp(from))
            .param("to", timestamp(to))
            .query(BigDecimal.class)
            .optional()
            .orElse(null));
  }

  @Override
  public BigDecimal spent(String feature, String scope, Instant from, Instant to) {
    return usd(
        jdbc.sql(
                "SELECT SUM(cost_usd) FROM llm_usage"
                    + " WHERE feature = :feature AND scope = :scope AND at >= :from AND at < :to")
            .param("feature", feature)
            .param("scope", scope)
            .param("from", timestamp(from))
            .param("to", timestamp(to))
            .query(BigDecimal.class)
            .optional()
            .orElse(null));
  }

  @Override
  public List<UsageRecord> between(Instant from, Instant to) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM llm_usage WHERE at >= :from AND at < :to ORDER BY at, id")
        .param("from", timestamp(from))
        .param("to", timestamp(to))
        .query(
            (rs, row) ->
                new UsageRecord(
                    instant(rs, "at"),
                    rs.getString("feature"),
                    rs.getString("scope"),
                    rs.getString("provider"),
                    rs.getString("model"),
                    rs.getString("template"),
                    rs.getString("producer"),
                    rs.getLong("tokens_in"),
                    rs.getLong("tokens_out"),
                    usd(rs.getBigDecimal("cost_usd"))))
        .list();
  }

  /** {@code amount} at the ledger's scale; {@code null} (the sum of no rows) is zero. */
  private static BigDecimal usd(BigDecimal amount) {
    return (amount == null ? BigDecimal.ZERO : amount).setScale(COST_SCALE, RoundingMode.HALF_UP);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
