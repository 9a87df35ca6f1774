package dev.warden.app.cli;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Option;

/**
 * The options of commands that read Warden's database directly, not through the server (which could
 * be the thing that is broken): the URL, the user, and the variable holding the password.
 */
final class DatabaseOptions {
  /**
   * The same file as the server's default {@code spring.datasource.url}; {@code AUTO_SERVER} lets a
   * command open it while the server runs, and {@code IFEXISTS} keeps a command from creating an
   * empty one.
   */
  static final String EMBEDDED_URL = "jdbc:h2:file:./data/warden;AUTO_SERVER=TRUE;IFEXISTS=TRUE";

  @Option(
      names = "--jdbc-url",
      defaultValue = "${env:WARDEN_JDBC_URL:-" + EMBEDDED_URL + "}",
      description =
          "The database (default: $WARDEN_JDBC_URL, else the embedded default under ./data).")
  String url;

  @Option(
      names = "--user",
      defaultValue = "${env:WARDEN_DB_USER:-sa}",
      description = "Database user (default: $WARDEN_DB_USER or ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "WARDEN_DB_PASSWORD",
      paramLabel = "VAR",
      description =
          "The environment variable holding the password (default ${DEFAULT-VALUE}); never on"
              + " the command line.")
  String passwordVariable;

  /** The database these options name. */
  DataSource dataSource() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
    dataSource.setUsername(user);
    dataSource.setPassword(System.getenv().getOrDefault(passwordVariable, ""));
    return dataSource;
  }
}
