package dev.warden.core.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of one feature, a versioned resource: {@code prompts/NAME.vN.md} next to this
 * class. A changed prompt is a new file with the next version, so every recorded call can be traced
 * to the exact words it was given. Only trusted values (names Warden chose, settings) fill its
 * {@code {{placeholders}}}; untrusted content never enters a template, it is fenced data.
 *
 * @param name the template's name, normally the feature's ({@code summarise})
 * @param version the version, the {@code N} of the file name
 * @param text the template text
 */
public record PromptTemplate(String name, int version, String text) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9_]*)}}");

  public PromptTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (version < 1) {
      throw new IllegalArgumentException("template versions start at 1");
    }
  }

  /**
   * Loads version {@code version} of template {@code name} from the class path.
   *
   * @throws IllegalArgumentException when there is no such template
   */
  public static PromptTemplate load(String name, int version) {
    String resource = "prompts/" + name + ".v" + version + ".md";
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no prompt template " + resource);
      }
      return new PromptTemplate(
          name, version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How calls record it: {@code summarise@1}. */
  public String id() {
    return name + "@" + version;
  }

  /** The names of the placeholders, in order of appearance. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The text with every placeholder replaced.
   *
   * @throws IllegalArgumentException when a placeholder has no value or a value has no placeholder
   */
  public String render(Map<String, String> values) {
    Set<String> wanted = placeholders();
    for (String key : values.keySet()) {
      if (!wanted.contains(key)) {
        throw new IllegalArgumentException(
            "template " + id() + " has no placeholder {{" + key + "}}");
      }
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "template " + id() + " needs a value for {{" + matcher.group(1) + "}}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
