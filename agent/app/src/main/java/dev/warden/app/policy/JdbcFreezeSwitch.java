package dev.warden.app.policy;

import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.GlobalFreeze;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The global freeze switch as the one row of {@code global_freeze} (H2 or PostgreSQL), which every
 * replica reads at each decision. Switching it on again replaces the reason, who and since.
 */
public class JdbcFreezeSwitch implements FreezeSwitch {
  private final JdbcClient jdbc;

  public JdbcFreezeSwitch(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<GlobalFreeze> current() {
    return jdbc.sql("SELECT reason, switched_by, since FROM global_freeze WHERE id = 1 AND active")
        .query(
            (rs, row) ->
                new GlobalFreeze(
                    rs.getString("reason"),
                    rs.getString("switched_by"),
                    rs.getObject("since", OffsetDateTime.class).toInstant()))
        .optional();
  }

  @Override
  public void switchOn(GlobalFreeze freeze) {
    update(
        jdbc.sql(
                "UPDATE global_freeze SET active = TRUE, reason = :reason, switched_by = :by,"
                    + " since = :since WHERE id = 1")
            .param("reason", freeze.reason())
            .param("by", freeze.by())
            .param("since", freeze.since().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
            .update());
  }

  @Override
  public void switchOff() {
    update(
        jdbc.sql(
                "UPDATE global_freeze SET active = FALSE, reason = NULL, switched_by = NULL,"
                    + " since = NULL WHERE id = 1")
            .update());
  }

  private static void update(int rows) {
    if (rows != 1) {
      throw new IllegalStateException("global_freeze has no row: the migration is missing");
    }
  }
}
