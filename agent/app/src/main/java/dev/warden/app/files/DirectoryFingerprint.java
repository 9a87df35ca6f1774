package dev.warden.app.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Names, sizes and modification times of a directory's files: cheap to take at every poll, and
 * different whenever a file is added, removed or written. The policy and runbook repositories
 * reload when it changes.
 */
public final class DirectoryFingerprint {
  private DirectoryFingerprint() {}

  /**
   * The fingerprint of {@code dir}, or {@code absent} when it is not a directory.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static String of(Path dir) {
    if (!Files.isDirectory(dir)) {
      return "absent";
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().map(DirectoryFingerprint::entry).reduce("", (a, b) -> a + "|" + b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the directory " + dir, e);
    }
  }

  private static String entry(Path file) {
    try {
      return file.getFileName()
          + ":"
          + Files.size(file)
          + ":"
          + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return file.getFileName() + ":unreadable";
    }
  }
}
