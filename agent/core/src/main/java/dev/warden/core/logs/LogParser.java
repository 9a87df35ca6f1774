package dev.warden.core.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses a whole log: each line's header is split off (by a {@link LogFormat}, else by {@link
 * HeaderDetector}), its message mined, and each line gets the final template of its kind. A line
 * that continues a multi-line record (a stack trace, a Go panic) gets its record's template.
 */
public final class LogParser {
  private final Optional<LogFormat> format;
  private final TemplateMiner miner;

  public LogParser(Optional<LogFormat> format, TemplateMiner miner) {
    this.format = format;
    this.miner = miner;
  }

  /** The template of every line of {@code in}, in order. */
  public Template[] parse(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    Template[] templates = new Template[1024];
    int count = 0;
    Template previous = null;
    String line;
    while ((line = reader.readLine()) != null) {
      Template template;
      if (previous != null && MultiLine.continues(line)) {
        template = previous;
      } else {
        template = miner.add(split(line).content());
      }
      if (count == templates.length) {
        templates = Arrays.copyOf(templates, count * 2);
      }
      templates[count++] = template;
      previous = template;
    }
    return Arrays.copyOf(templates, count);
  }

  /** The line's header and message. */
  public LogLine split(String line) {
    if (format.isPresent()) {
      Optional<LogLine> parsed = format.get().parse(line);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    return HeaderDetector.parse(line);
  }

  /** Writes {@code LineId,EventTemplate} CSV (RFC 4180), one row per line. */
  public static void writeCsv(Template[] templates, Writer out) throws IOException {
    out.write("LineId,EventTemplate\r\n");
    StringBuilder row = new StringBuilder(256);
    for (int i = 0; i < templates.length; i++) {
      row.setLength(0);
      row.append(i + 1).append(',');
      quote(templates[i].text(), row);
      row.append("\r\n");
      out.append(row);
    }
    out.flush();
  }

  private static void quote(String field, StringBuilder out) {
    boolean needs = false;
    for (int i = 0; i < field.length() && !needs; i++) {
      char c = field.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!needs) {
      out.append(field);
      return;
    }
    out.append('"');
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
