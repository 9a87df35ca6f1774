package dev.warden.core.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with {@code {{ ... }}} placeholders, parsed once. The syntax is deliberately tiny:
 * {@code {{ labels.X }}}, {@code {{ annotations.X }}}, {@code {{ params.X }}} and {@code {{
 * steps.ID.output.X }}}, with optional spaces inside the braces; there are no filters, no
 * expressions and no escapes, so nothing in a template can run code or reach files or the network.
 *
 * <p>Rendering is a single pass: each placeholder is replaced by its value, and the values are
 * inserted literally and never looked at again, so a label value that itself contains {@code {{
 * params.x }}}, {@code $(rm -rf /)} or {@code ; kubectl delete} comes through as inert text.
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{[ \\t]*(?<body>[^{}]*?)[ \\t]*}}");

  private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String STEP_ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  private static final Pattern SIMPLE =
      Pattern.compile("(?<root>labels|annotations|params)\\.(?<name>" + NAME + ")");
  private static final Pattern STEP_OUTPUT =
      Pattern.compile("steps\\.(?<step>" + STEP_ID + ")\\.output\\.(?<name>" + NAME + ")");

  /** Where a placeholder's value comes from. */
  public enum Root {
    LABELS("labels"),
    ANNOTATIONS("annotations"),
    PARAMS("params"),
    STEPS("steps");

    private final String wireName;

    Root(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * One placeholder.
   *
   * @param root where the value comes from
   * @param step the step id for {@link Root#STEPS}, else null
   * @param name the label, annotation, parameter or output name
   * @param offset the index of its {@code {{} in the template's text
   */
  public record Reference(Root root, String step, String name, int offset) {
    public Reference {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return root == Root.STEPS
          ? "steps." + step + ".output." + name
          : root.wireName() + "." + name;
    }
  }

  /** A template that is not well-formed, with the index in the text where the trouble is. */
  public static final class SyntaxException extends IllegalArgumentException {
    private final int offset;

    SyntaxException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    /** 0-based index into the template's text. */
    public int offset() {
      return offset;
    }
  }

  /** A template could not be rendered: a label, annotation, parameter or output is missing. */
  public static final class RenderException extends RuntimeException {
    RenderException(String message) {
      super(message);
    }
  }

  /** The values a template is rendered with; a missing value is a {@link RenderException}. */
  public interface Values {
    /** The value of {@code reference}, or null when there is none. */
    String get(Reference reference);
  }

  private sealed interface Part permits Text, Placeholder {}

  private record Text(String text) implements Part {}

  private record Placeholder(Reference reference) implements Part {}

  private final String text;
  private final List<Part> parts;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a template.
   *
   * @throws SyntaxException for an unclosed {@code {{}, an unknown root or a malformed reference
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Part> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        parts.add(new Text(text.substring(at)));
        break;
      }
      if (open > at) {
        parts.add(new Text(text.substring(at, open)));
      }
      if (!matcher.find(open) || matcher.start() != open) {
        throw new SyntaxException(
            "'{{' is not closed by '}}' (templates hold one reference each, such as"
                + " {{ labels.namespace }})",
            open);
      }
      String body = matcher.group("body");
      int bodyOffset = matcher.start("body");
      parts.add(new Placeholder(reference(body, bodyOffset, open)));
      at = matcher.end();
    }
    return new Template(text, parts);
  }

  private static Reference reference(String body, int bodyOffset, int open) {
    Matcher simple = SIMPLE.matcher(body);
    if (simple.matches()) {
      Root root = Root.valueOf(simple.group("root").toUpperCase(java.util.Locale.ROOT));
      return new Reference(root, null, simple.group("name"), open);
    }
    Matcher output = STEP_OUTPUT.matcher(body);
    if (output.matches()) {
      return new Reference(Root.STEPS, output.group("step"), output.group("name"), open);
    }
    if (body.isEmpty()) {
      throw new SyntaxException("empty placeholder '{{ }}'", open);
    }
    int dot = body.indexOf('.');
    String root = dot < 0 ? body : body.substring(0, dot);
    if (!List.of("labels", "annotations", "params", "steps").contains(root)) {
      throw new SyntaxException(
          "unknown template variable '"
              + root
              + "'; use labels.X, annotations.X, params.X or steps.ID.output.X"
              + " (no filters or expressions)",
          bodyOffset);
    }
    String shape = root.equals("steps") ? "steps.ID.output.NAME" : root + ".NAME";
    throw new SyntaxException(
        "malformed reference '" + body + "'; expected " + shape + " (no filters or expressions)",
        bodyOffset);
  }

  /** The text as written. */
  public String text() {
    return text;
  }

  /** Whether the text has any placeholder. */
  public boolean isLiteral() {
    return parts.stream().noneMatch(Placeholder.class::isInstance);
  }

  /** The placeholders, in order. */
  public List<Reference> references() {
    return parts.stream()
        .filter(Placeholder.class::isInstance)
        .map(part -> ((Placeholder) part).reference())
        .toList();
  }

  /**
   * The text with every placeholder replaced by its value. Values are inserted as they are and not
   * rendered again.
   *
   * @throws RenderException naming the first reference that has no value
   */
  public String render(Values values) {
    StringBuilder out = new StringBuilder(text.length());
    for (Part part : parts) {
      if (part instanceof Text literal) {
        out.append(literal.text());
      } else if (part instanceof Placeholder placeholder) {
        Reference reference = placeholder.reference();
        String value = values.get(reference);
        if (value == null) {
          throw new RenderException(missing(reference));
        }
        out.append(value);
      }
    }
    return out.toString();
  }

  private static String missing(Reference reference) {
    return switch (reference.root()) {
      case LABELS -> "the alert has no label '" + reference.name() + "'";
      case ANNOTATIONS -> "the alert has no annotation '" + reference.name() + "'";
      case PARAMS -> "no parameter '" + reference.name() + "'";
      case STEPS ->
          "step '" + reference.step() + "' has no output '" + reference.name() + "' (yet)";
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
