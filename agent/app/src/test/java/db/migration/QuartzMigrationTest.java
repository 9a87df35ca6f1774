package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.app.testing.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V3__quartz picks Quartz's script by database and creates every Quartz table. */
class QuartzMigrationTest {

  @Test
  void picksTheScriptForTheDatabase() {
    assertThat(V3__quartz.script("H2")).isEqualTo("tables_h2.sql");
    assertThat(V3__quartz.script("PostgreSQL")).isEqualTo("tables_postgres.sql");
    assertThatThrownBy(() -> V3__quartz.script("MySQL"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MySQL");
  }

  @Test
  void createsQuartzsTablesOnH2() {
    var jdbc = JdbcClient.create(Databases.h2());

    Long tables =
        jdbc.sql(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'QRTZ\\_%'")
            .query(Long.class)
            .single();

    assertThat(tables).isEqualTo(11);
  }
}
