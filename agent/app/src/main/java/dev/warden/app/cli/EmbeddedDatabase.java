package dev.warden.app.cli;

/** Where the embedded default keeps its database, for commands that read it directly. */
final class EmbeddedDatabase {
  /**
   * The same file as the server's default {@code spring.datasource.url}; {@code AUTO_SERVER} lets a
   * command open it while the server runs, and {@code IFEXISTS} keeps a command from creating an
   * empty one.
   */
  static final String URL = "jdbc:h2:file:./data/warden;AUTO_SERVER=TRUE;IFEXISTS=TRUE";

  private EmbeddedDatabase() {}
}
