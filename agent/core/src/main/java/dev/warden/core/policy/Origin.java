package dev.warden.core.policy;

import java.util.Objects;

/**
 * Where a policy element was defined, for explanations and errors.
 *
 * @param file the file as given to the loader (relative paths stay relative)
 * @param line 1-based line
 * @param column 1-based column
 */
public record Origin(String file, int line, int column) {
  public Origin {
    Objects.requireNonNull(file, "file");
  }

  /** An element built in code rather than read from a file. */
  public static Origin inCode(String what) {
    return new Origin("<" + what + ">", 0, 0);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
