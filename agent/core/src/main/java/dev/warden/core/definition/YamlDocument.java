package dev.warden.core.definition;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One YAML file as a JSON tree that remembers where every node came from.
 *
 * <p>The file must hold a single document. Scalars get their YAML 1.1 types ({@code 5} is an
 * integer, {@code true} and {@code yes} are booleans, {@code ~} is null); timestamps stay strings,
 * exactly as written. Aliases are expanded. An empty file, or an empty document, is an empty
 * mapping: it defines nothing.
 *
 * <p>Places are addressed with JSON pointers ({@code /rules/0/level}; {@code ~1} for a {@code /} in
 * a key, {@code ~0} for a {@code ~}).
 */
public final class YamlDocument {
  /** Definition files are small; anything larger is a mistake or an attack. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Caps what aliases may expand to (SnakeYAML already caps the number of aliases). */
  private static final int MAX_NODES = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final String text;
  private final JsonNode root;
  private final Map<String, Span> spans;
  private final List<String> lines;

  private YamlDocument(String file, String text, JsonNode root, Map<String, Span> spans) {
    this.file = file;
    this.text = text;
    this.root = root;
    this.spans = spans;
    this.lines = text.lines().toList();
  }

  /**
   * Reads and parses a file; its name in problems is {@code path.toString()}.
   *
   * @param problems receives every problem: unreadable, too large, not UTF-8, and those of {@link
   *     #parse}
   * @return the document, unless the file could not be read or parsed at all
   */
  public static Optional<YamlDocument> read(Path path, Problems problems) {
    String file = path.toString();
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        problems.error(file, Location.START, tooLarge(size));
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(path);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return parse(file, text, problems);
    } catch (NoSuchFileException e) {
      problems.error(file, Location.START, "no such file");
    } catch (AccessDeniedException e) {
      problems.error(file, Location.START, "cannot read the file: permission denied");
    } catch (CharacterCodingException e) {
      problems.error(file, Location.START, "the file is not UTF-8 text");
    } catch (IOException e) {
      problems.error(file, Location.START, "cannot read the file: " + e);
    }
    return Optional.empty();
  }

  /**
   * Parses a text.
   *
   * @param file the name to give in problems
   * @param problems receives every problem: a syntax error, several documents in the file,
   *     duplicate keys, keys that are not strings, unsupported tags, a text over {@link #MAX_BYTES}
   * @return the document, unless the text could not be parsed at all (a syntax error, too large); a
   *     document with problems drops the offending entries (a duplicate key keeps its first value)
   */
  public static Optional<YamlDocument> parse(String file, String text, Problems problems) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_BYTES) {
      problems.error(file, Location.START, tooLarge(text.length()));
      return Optional.empty();
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      problems.error(file, Location.START, tooLarge(bytes));
      return Optional.empty();
    }
    Scalars scalars = new Scalars();
    Converter converter = new Converter(file, scalars, problems);
    JsonNode root;
    try {
      Iterator<Node> documents = new Yaml(scalars).composeAll(new StringReader(text)).iterator();
      if (!documents.hasNext()) {
        converter.spans.put("", new Span(null, Location.START, Location.START, null, null));
        return Optional.of(new YamlDocument(file, text, NODES.objectNode(), converter.spans));
      }
      Node first = documents.next();
      root = converter.root(first);
      if (documents.hasNext()) {
        problems.error(
            file,
            documentStart(text, location(documents.next().getStartMark())),
            "a second YAML document starts here; a definition file holds exactly one");
      }
    } catch (MarkedYAMLException e) {
      problems.error(file, syntaxLocation(e), syntaxMessage(e));
      return Optional.empty();
    } catch (YAMLException e) {
      problems.error(file, Location.START, "invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
    if (converter.tooManyNodes) {
      return Optional.empty();
    }
    return Optional.of(new YamlDocument(file, text, root, converter.spans));
  }

  /**
   * The definition files {@code path} names: itself when it is not a directory (whatever its
   * extension), else the directory's {@code *.yaml} and {@code *.yml} files, not those of
   * subdirectories, in the order of their names. An empty directory is a warning, {@code
   * whenEmpty}; a directory that cannot be listed is an error.
   */
  public static List<Path> files(Path path, Problems problems, String whenEmpty) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      List<Path> files =
          entries
              .filter(Files::isRegularFile)
              .filter(
                  file -> {
                    String name = file.getFileName().toString();
                    return name.endsWith(".yaml") || name.endsWith(".yml");
                  })
              .sorted(Comparator.comparing(file -> file.getFileName().toString()))
              .toList();
      if (files.isEmpty()) {
        problems.warning(path.toString(), Location.START, whenEmpty);
      }
      return files;
    } catch (IOException e) {
      problems.error(path.toString(), Location.START, "cannot list the directory: " + e);
      return List.of();
    }
  }

  /** The file name as given. */
  public String file() {
    return file;
  }

  /** The text of the file, exactly as read. */
  public String text() {
    return text;
  }

  /** The content as a JSON tree; an empty document is an empty object. */
  public JsonNode root() {
    return root;
  }

  /**
   * Where the node at {@code pointer} starts: the first character of a scalar (its quote, if
   * quoted), the first key of a block mapping, the {@code -} of a block sequence, the bracket of a
   * flow collection. A pointer to nothing gives the place of its nearest existing ancestor.
   */
  public Location locate(String pointer) {
    return nearest(pointer).start();
  }

  /**
   * Where the key of the mapping entry at {@code pointer} starts ({@code /rules/0/level}: the
   * {@code level} key rather than its value), for problems about the entry itself, such as a
   * property that is not allowed. For anything but a mapping entry, the same as {@link #locate}.
   */
  public Location locateKey(String pointer) {
    Span span = nearest(pointer);
    return span.key() != null ? span.key() : span.start();
  }

  /**
   * Where a character inside the string at {@code pointer} is in the file, for problems found by
   * parsing the string itself (an expression). Exact for a scalar on one line (plain or quoted) and
   * for a literal block scalar ({@code |}), whenever the source shows the value verbatim (no
   * escapes, no folding); otherwise the start of the value, as {@link #locate}.
   *
   * @param inValue the place within the value's text, 1-based line and column
   */
  public Location locateWithin(String pointer, Location inValue) {
    Span span = spans.get(pointer);
    if (span == null || span.style() == null) {
      return locate(pointer);
    }
    String[] valueLines = span.value().split("\n", -1);
    if (inValue.line() > valueLines.length) {
      return span.start();
    }
    String valueLine = valueLines[inValue.line() - 1];
    int offset = inValue.column() - 1;
    switch (span.style()) {
      case PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED -> {
        if (valueLines.length != 1 || span.end().line() != span.start().line()) {
          return span.start();
        }
        int from = span.start().column() - 1 + (span.style() == ScalarStyle.PLAIN ? 0 : 1);
        String source = sourceLine(span.start().line());
        if (source.startsWith(valueLine, from)) {
          return new Location(span.start().line(), from + 1 + offset);
        }
        return span.start();
      }
      case LITERAL -> {
        // the value's first line is the line after the '|' indicator, each indented alike
        int line = span.start().line() + inValue.line();
        String source = sourceLine(line);
        int indent = source.length() - valueLine.length();
        if (indent >= 0 && source.endsWith(valueLine) && source.substring(0, indent).isBlank()) {
          return new Location(line, indent + 1 + offset);
        }
        return span.start();
      }
      default -> {
        return span.start();
      }
    }
  }

  private String sourceLine(int line) {
    return line <= lines.size() ? lines.get(line - 1) : "";
  }

  private Span nearest(String pointer) {
    String at = pointer;
    while (true) {
      Span span = spans.get(at);
      if (span != null) {
        return span;
      }
      int slash = at.lastIndexOf('/');
      if (slash < 0) {
        return spans.get("");
      }
      at = at.substring(0, slash);
    }
  }

  /**
   * The JSON pointer to the member {@code key} of the mapping at {@code pointer}, escaping {@code
   * ~} and {@code /} in the key.
   */
  public static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The {@code ---} line that starts the document whose content starts at {@code content}. */
  private static Location documentStart(String text, Location content) {
    List<String> lines = text.lines().toList();
    for (int line = Math.min(content.line(), lines.size()); line >= 1; line--) {
      if (lines.get(line - 1).startsWith("---")) {
        return new Location(line, 1);
      }
    }
    return content;
  }

  private static String tooLarge(long bytes) {
    return "the file is " + bytes + " bytes; definition files are limited to 1 MiB";
  }

  private static Location location(Mark mark) {
    return new Location(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Location syntaxLocation(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark != null ? location(mark) : Location.START;
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() != null ? e.getProblem() : "invalid YAML";
    if (e.getContext() != null && e.getContextMark() != null) {
      return problem + " (" + e.getContext() + " at " + location(e.getContextMark()) + ")";
    }
    return problem;
  }

  /**
   * Where a node is.
   *
   * @param key where its key starts, for a mapping entry; else null
   * @param start where the node starts
   * @param end just after it
   * @param style how a scalar was written; null for collections
   * @param value a scalar's text; null for collections
   */
  private record Span(
      Location key, Location start, Location end, ScalarStyle style, String value) {}

  /** SnakeYAML's safe constructor, used only for the values of typed scalars. */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(new LoaderOptions());
    }

    Object value(ScalarNode node) {
      return constructObject(node);
    }
  }

  /** Turns the composed node tree into JSON nodes, recording each node's span. */
  private static final class Converter {
    private final String file;
    private final Scalars scalars;
    private final Problems problems;
    private final Map<String, Span> spans = new HashMap<>();
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int count;
    private boolean tooManyNodes;

    Converter(String file, Scalars scalars, Problems problems) {
      this.file = file;
      this.scalars = scalars;
      this.problems = problems;
    }

    JsonNode root(Node node) {
      if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
        // an empty document (or a lone ~) defines nothing
        spans.put("", new Span(null, Location.START, Location.START, null, null));
        return NODES.objectNode();
      }
      return convert(node, "", null);
    }

    private JsonNode convert(Node node, String pointer, Location key) {
      Location start = location(node.getStartMark());
      if (++count > MAX_NODES) {
        if (!tooManyNodes) {
          tooManyNodes = true;
          problems.error(
              file, start, "the document expands to more than " + MAX_NODES + " nodes (aliases)");
        }
        return NODES.nullNode();
      }
      if (!open.add(node)) {
        problems.error(file, start, "an alias refers to a node that contains it");
        return NODES.nullNode();
      }
      try {
        Location end = location(node.getEndMark());
        if (node instanceof ScalarNode scalar) {
          spans.put(pointer, new Span(key, start, end, scalar.getScalarStyle(), scalar.getValue()));
          return scalar(scalar, start);
        }
        spans.put(pointer, new Span(key, start, end, null, null));
        if (node instanceof SequenceNode sequence) {
          unsupportedTag(node, Tag.SEQ, start);
          ArrayNode array = NODES.arrayNode();
          List<Node> items = sequence.getValue();
          for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            array.add(convert(item, pointer + "/" + i, null));
          }
          return array;
        }
        MappingNode mapping = (MappingNode) node;
        unsupportedTag(node, Tag.MAP, start);
        ObjectNode object = NODES.objectNode();
        Map<String, Location> seen = new HashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
          Node keyNode = entry.getKeyNode();
          Location keyStart = location(keyNode.getStartMark());
          String name = key(keyNode, keyStart);
          if (name == null) {
            continue;
          }
          Location first = seen.putIfAbsent(name, keyStart);
          if (first != null) {
            problems.error(file, keyStart, "duplicate key '" + name + "' (first at " + first + ")");
            continue;
          }
          object.set(name, convert(entry.getValueNode(), child(pointer, name), keyStart));
        }
        return object;
      } finally {
        open.remove(node);
      }
    }

    /** The key's text, or null (with a problem) when it is not a string. */
    private String key(Node node, Location at) {
      if (node instanceof ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.STR)) {
          return scalar.getValue();
        }
        if (tag.equals(Tag.MERGE)) {
          problems.error(file, at, "merge keys (<<) are not supported; repeat the entries");
        } else if (scalar.getValue().isEmpty()) {
          problems.error(file, at, "a key must not be empty");
        } else {
          problems.error(
              file,
              at,
              "key "
                  + scalar.getValue()
                  + " is "
                  + describe(tag)
                  + ", not a string; quote it: \""
                  + scalar.getValue()
                  + "\"");
        }
        return null;
      }
      problems.error(
          file,
          at,
          "a key must be a string, not a " + (node instanceof MappingNode ? "mapping" : "list"));
      return null;
    }

    private JsonNode scalar(ScalarNode node, Location at) {
      Tag tag = node.getTag();
      if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
        return NODES.stringNode(node.getValue());
      }
      if (tag.equals(Tag.NULL)
          || tag.equals(Tag.BOOL)
          || tag.equals(Tag.INT)
          || tag.equals(Tag.FLOAT)) {
        Object value;
        try {
          value = scalars.value(node);
        } catch (RuntimeException e) {
          problems.error(file, at, "'" + node.getValue() + "' is not " + describe(tag));
          return NODES.stringNode(node.getValue());
        }
        if (value == null) {
          return NODES.nullNode();
        } else if (value instanceof Boolean bool) {
          return NODES.booleanNode(bool);
        } else if (value instanceof Integer number) {
          return NODES.numberNode(number.intValue());
        } else if (value instanceof Long number) {
          return NODES.numberNode(number.longValue());
        } else if (value instanceof BigInteger number) {
          return NODES.numberNode(number);
        } else if (value instanceof Double number) {
          return NODES.numberNode(number.doubleValue());
        }
      }
      problems.error(file, at, "unsupported YAML tag " + tag + "; write a plain value");
      return NODES.stringNode(node.getValue());
    }

    private void unsupportedTag(Node node, Tag expected, Location at) {
      if (!node.getTag().equals(expected)) {
        problems.error(file, at, "unsupported YAML tag " + node.getTag() + "; write a plain value");
      }
    }

    private static String describe(Tag tag) {
      if (tag.equals(Tag.INT)) {
        return "an integer";
      } else if (tag.equals(Tag.FLOAT)) {
        return "a number";
      } else if (tag.equals(Tag.BOOL)) {
        return "a boolean";
      } else if (tag.equals(Tag.NULL)) {
        return "null";
      }
      return "tagged " + tag;
    }
  }
}
