package dev.warden.core.llm.flags;

import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import dev.warden.core.definition.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The flag file at one path, re-read when its content changes, so that an operator's edit (the kill
 * switch above all) applies without a restart.
 *
 * <p>The file is compared by the SHA-256 of its content rather than its modification time, which
 * some file systems keep to the second and some deployments (mounted config maps) do not change.
 * Nothing here schedules: the application calls {@link #reloadIfChanged} on its own timer, and
 * evaluations read {@link #get} from any thread.
 *
 * <p>What the flags are, by case:
 *
 * <ul>
 *   <li>a valid file: its flags;
 *   <li>a broken change to a file that was valid: the last valid flags stay, and the change's
 *       problems are returned, so a typo cannot switch features on or the kill switch off;
 *   <li>a file whose first reading is broken: {@link FlagSet#ALL_OFF}, since Warden cannot tell
 *       what the operator meant;
 *   <li>no file: {@link FlagSet#ALL_ON} with a warning, as when no file is configured.
 * </ul>
 */
public final class FlagFile implements Supplier<FlagSet> {
  private static final String MISSING = "missing";

  private final Path path;
  private volatile FlagSet current = FlagSet.ALL_OFF;
  private volatile List<Problem> problems = List.of();

  /** What was last read: a content hash, {@link #MISSING}, or the read error; null before. */
  private String state;

  /** Reads the file once; its problems, if any, are in {@link #problems()}. */
  public FlagFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
    reloadIfChanged();
  }

  /** The flags in force. */
  @Override
  public FlagSet get() {
    return current;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /**
   * The problems of the file as last read: errors while it is broken (the flags in force are then
   * older), a warning while it is missing, the warnings of a valid file, or none.
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Re-reads the file if its content changed since the last call.
   *
   * @return the problems of the change: empty when nothing changed or the change is clean; errors
   *     when the changed file is broken (the last valid flags stay in force); a warning when the
   *     file has gone
   */
  public synchronized List<Problem> reloadIfChanged() {
    String file = path.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(YamlDocument.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      if (MISSING.equals(state)) {
        return List.of();
      }
      state = MISSING;
      current = FlagSet.ALL_ON;
      return problems(
          Problem.warning(
              file, Location.START, "no flag file: every AI feature is on for every scope"));
    } catch (IOException e) {
      String error = "cannot read the file: " + e.getMessage();
      if (error.equals(state)) {
        return List.of();
      }
      state = error;
      return problems(Problem.error(file, Location.START, error));
    }
    String hash = HexFormat.of().formatHex(sha256(bytes));
    if (hash.equals(state)) {
      return List.of();
    }
    state = hash;
    if (bytes.length > YamlDocument.MAX_BYTES) {
      return problems(
          Problem.error(
              file, Location.START, "the file is larger than a flag file may be (1 MiB)"));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return problems(Problem.error(file, Location.START, "the file is not UTF-8 text"));
    }
    FlagSet.Parsed parsed = FlagSet.parse(file, text);
    parsed.flags().ifPresent(flags -> current = flags);
    return problems(parsed.problems());
  }

  private List<Problem> problems(Problem problem) {
    return problems(List.of(problem));
  }

  private List<Problem> problems(List<Problem> found) {
    problems = List.copyOf(found);
    return problems;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
