package dev.warden.core.definition;

/**
 * A place in a text file, as editors count: both numbers start at 1, and the column counts
 * characters (Unicode code points) from the start of the line.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(int line, int column) {
  /** The first character of a file. */
  public static final Location START = new Location(1, 1);

  public Location {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based, not " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
