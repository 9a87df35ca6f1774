package dev.warden.app;

import java.nio.file.Path;
import java.util.List;

/** Restart recovery on the embedded default: an H2 file (through the default's retry: prefix). */
class RestartH2IT extends RestartContract {
  @Override
  protected List<String> databaseArguments(Path workDir) {
    return List.of(
        "--spring.datasource.url=jdbc:h2:retry:"
            + workDir.resolve("data/warden")
            + ";WRITE_DELAY=0");
  }
}
