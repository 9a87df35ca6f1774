package db.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Quartz's tables (the durable approval-expiry timers) with the DDL script that the Quartz
 * jar ships for the database at hand, so that no copy of Quartz's schema lives in this repository
 * and Flyway stays the one owner of the schema ({@code spring.quartz.jdbc.initialize-schema} is
 * {@code never}). It runs once, with the Quartz version of that day: a Quartz upgrade that changes
 * its tables needs a migration of its own.
 *
 * <p>The scripts end with a {@code COMMIT}, which is left out: Flyway runs this migration in a
 * transaction together with its history row, and a commit half-way would break that. The PostgreSQL
 * script starts by dropping the Quartz tables if they exist; as this migration runs once per
 * database, before anything is scheduled, there is nothing to lose.
 */
public class V3__quartz extends BaseJavaMigration {
  private static final String SCRIPTS = "org/quartz/impl/jdbcjobstore/";
  private static final Pattern COMMIT =
      Pattern.compile("^\\s*COMMIT\\s*;\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String script = script(connection.getMetaData().getDatabaseProductName());
    String sql =
        new ClassPathResource(SCRIPTS + script, JobStoreSupport.class.getClassLoader())
            .getContentAsString(StandardCharsets.UTF_8);
    String withoutCommit = COMMIT.matcher(sql).replaceAll("");
    ScriptUtils.executeSqlScript(
        connection,
        new EncodedResource(
            new ByteArrayResource(
                withoutCommit.getBytes(StandardCharsets.UTF_8), "Quartz " + script),
            StandardCharsets.UTF_8));
  }

  /** The Quartz script for the database product, as JDBC metadata names it. */
  static String script(String databaseProduct) {
    String product = databaseProduct.toLowerCase(Locale.ROOT);
    if (product.equals("h2")) {
      return "tables_h2.sql";
    }
    if (product.equals("postgresql")) {
      return "tables_postgres.sql";
    }
    throw new IllegalStateException(
        "Warden keeps its Quartz tables on H2 or PostgreSQL only, not on " + databaseProduct);
  }
}
