package dev.warden.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real payloads in {@code ../shared/} beside the repository (GitHub, Alertmanager, Grafana,
 * PagerDuty, ...). A plain clone has no {@code ../shared}: then the few payloads copied into this
 * module's test resources are used, and a test that needs any other one is skipped with a JUnit
 * assumption saying why.
 */
public final class SharedFixtures {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SharedFixtures() {}

  /** {@code ../shared} next to the repository root, if it is there. */
  public static Optional<Path> sharedRoot() {
    String root = System.getProperty("warden.repository.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path shared = dir.resolveSibling("shared");
      if (Files.isDirectory(shared.resolve("fixtures")) && Files.exists(dir.resolve("mvnw"))) {
        return Optional.of(shared);
      }
    }
    return Optional.empty();
  }

  /** {@code ../shared/<relative>}, or skips the test when the shared folder is absent. */
  public static Path sharedPath(String relative) {
    Optional<Path> path = sharedRoot().map(shared -> shared.resolve(relative));
    Assumptions.assumeTrue(
        path.isPresent() && Files.exists(path.get()),
        () -> "../shared/" + relative + " is not here (a plain clone has no ../shared); skipped");
    return path.get();
  }

  /** The bytes of {@code fixtures/<relative>}, from ../shared or the copies in test resources. */
  public static byte[] bytes(String relative) {
    Optional<Path> shared =
        sharedRoot().map(root -> root.resolve("fixtures").resolve(relative)).filter(Files::exists);
    try {
      if (shared.isPresent()) {
        return Files.readAllBytes(shared.get());
      }
      try (InputStream copy =
          SharedFixtures.class.getResourceAsStream("/shared/fixtures/" + relative)) {
        Assumptions.assumeTrue(
            copy != null,
            () -> "fixture " + relative + " needs ../shared/fixtures, which is not here; skipped");
        return copy.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code fixtures/<relative>} parsed as JSON. */
  public static JsonNode json(String relative) {
    return JSON.readTree(bytes(relative));
  }
}
