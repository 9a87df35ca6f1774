package dev.warden.core.definition;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema (draft 2020-12) of one kind of definition file. Validation reports every
 * violation as a {@link Problem} at the offending node (a property that is not allowed: at its key;
 * a missing property: at the mapping that lacks it), with a short message that names the path
 * ({@code rules[0].level: must be one of autonomous, approve-first, passive, deny}).
 *
 * <p>A schema may give {@code patternErrorMessage} next to a {@code pattern} (as editors using the
 * VS Code JSON language service do); a failed pattern is then reported with that text instead of
 * the regular expression. Of the branches of a failed {@code oneOf} or {@code anyOf}, only the one
 * whose type fits the value is reported, if there is exactly one; otherwise one problem says which
 * types would do.
 */
public final class DefinitionSchema {
  private static final String PATTERN_MESSAGE = "patternErrorMessage";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new NonValidationKeyword(PATTERN_MESSAGE))
              .build(),
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private final JsonNode tree;
  private final Schema schema;

  private DefinitionSchema(JsonNode tree, Schema schema) {
    this.tree = tree;
    this.schema = schema;
  }

  /**
   * Loads a schema from the class path of {@code owner}, relative to its package.
   *
   * @throws IllegalStateException when there is no such resource or it is not a JSON object
   */
  public static DefinitionSchema load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema " + resource + " not found next to " + owner.getName());
      }
      JsonNode tree = JSON.readTree(in);
      if (tree == null || !tree.isObject()) {
        throw new IllegalStateException(
            "schema " + resource + " next to " + owner.getName() + " is not a JSON object");
      }
      return new DefinitionSchema(tree, REGISTRY.getSchema(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation of the schema in the document, in no particular order. */
  public List<Problem> validate(YamlDocument document) {
    List<Error> errors = withoutCombinatorNoise(schema.validate(document.root()));
    Set<Problem> problems = new LinkedHashSet<>();
    for (Error error : errors) {
      problems.add(problem(document, error));
    }
    return List.copyOf(problems);
  }

  private Problem problem(YamlDocument document, Error error) {
    NodePath at = error.getInstanceLocation();
    String pointer = pointer(at);
    String path = describe(at);
    String prefix = path.isEmpty() ? "" : path + ": ";
    String file = document.file();
    JsonNode keyword = error.getSchemaNode();
    switch (error.getKeyword()) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = error.getProperty();
        return Problem.error(
            file,
            document.locateKey(YamlDocument.child(pointer, property)),
            prefix + "unknown property '" + property + "'" + suggestion(error, property));
      }
      case "propertyNames" -> {
        String property = error.getProperty();
        JsonNode names = resolve(keyword);
        String why =
            names != null && names.path(PATTERN_MESSAGE).isString()
                ? names.path(PATTERN_MESSAGE).asString()
                : String.valueOf(error.getArguments()[1]);
        return Problem.error(
            file,
            document.locateKey(YamlDocument.child(pointer, property)),
            prefix + "'" + property + "' " + why);
      }
      case "required" -> {
        return Problem.error(
            file,
            document.locate(pointer),
            prefix + "missing required property '" + error.getProperty() + "'");
      }
      case "uniqueItems" -> {
        int duplicate = firstDuplicate(error.getInstanceNode());
        if (duplicate >= 0) {
          JsonNode item = error.getInstanceNode().get(duplicate);
          return Problem.error(
              file,
              document.locate(pointer + "/" + duplicate),
              path + "[" + duplicate + "]: " + shown(item) + " is listed twice");
        }
        return Problem.error(file, document.locate(pointer), prefix + "lists an item twice");
      }
      default -> {
        return Problem.error(file, document.locate(pointer), prefix + message(error, keyword));
      }
    }
  }

  private String message(Error error, JsonNode keyword) {
    JsonNode value = error.getInstanceNode();
    return switch (error.getKeyword()) {
      case "type" -> "must be " + expectedTypes(keyword) + ", not " + found(value);
      case "enum" ->
          "must be one of "
              + keyword
                  .valueStream()
                  .map(DefinitionSchema::plain)
                  .collect(Collectors.joining(", "));
      case "const" -> "must be " + plain(keyword);
      case "pattern" -> {
        JsonNode owner = parent(error);
        yield owner != null && owner.path(PATTERN_MESSAGE).isString()
            ? shown(value) + " " + owner.path(PATTERN_MESSAGE).asString()
            : shown(value) + " does not match " + keyword.asString();
      }
      case "minLength" ->
          keyword.asInt() == 1
              ? "must not be empty"
              : "must be at least " + keyword.asInt() + " characters long";
      case "maxLength" -> "must be at most " + keyword.asInt() + " characters long";
      case "minItems" ->
          keyword.asInt() == 1
              ? "must list at least one item"
              : "must list at least " + keyword.asInt() + " items";
      case "maxItems" -> "must list at most " + keyword.asInt() + " items";
      case "minimum" -> "must be at least " + keyword + ", not " + value;
      case "maximum" -> "must be at most " + keyword + ", not " + value;
      case "exclusiveMinimum" -> "must be more than " + keyword + ", not " + value;
      case "exclusiveMaximum" -> "must be less than " + keyword + ", not " + value;
      case "oneOf", "anyOf" -> combinatorMessage(error, keyword);
      default -> error.getMessage();
    };
  }

  private static String combinatorMessage(Error error, JsonNode branches) {
    List<String> types = new ArrayList<>();
    for (JsonNode branch : branches) {
      if (!branch.has("type")) {
        return error.getMessage();
      }
      types.add(expectedTypes(branch.get("type")));
    }
    if (new HashSet<>(types).size() < types.size()) {
      return error.getMessage();
    }
    return "must be " + String.join(" or ", types);
  }

  /**
   * Of a failed {@code oneOf} or {@code anyOf}, keeps only the errors of the one branch whose type
   * fits, when exactly one does; otherwise keeps only the combinator's own error. Combinators
   * nested in branches are reduced first.
   */
  private static List<Error> withoutCombinatorNoise(List<Error> errors) {
    List<Error> remaining = new ArrayList<>(errors);
    List<Error> combinators =
        errors.stream()
            .filter(e -> e.getKeyword().equals("oneOf") || e.getKeyword().equals("anyOf"))
            .sorted(
                Comparator.comparingInt((Error e) -> e.getEvaluationPath().getNameCount())
                    .reversed())
            .toList();
    for (Error combinator : combinators) {
      NodePath path = combinator.getEvaluationPath();
      List<Error> branchErrors =
          remaining.stream()
              .filter(
                  e ->
                      e != combinator
                          && branchOf(path, e.getEvaluationPath()) >= 0
                          // items of one list share evaluation paths; their places tell them apart
                          && e.getInstanceLocation().startsWith(combinator.getInstanceLocation()))
              .toList();
      if (branchErrors.isEmpty()) {
        continue;
      }
      Set<Integer> branches = new HashSet<>();
      Set<Integer> mistyped = new HashSet<>();
      for (Error error : branchErrors) {
        int branch = branchOf(path, error.getEvaluationPath());
        branches.add(branch);
        if (error.getKeyword().equals("type")
            && error.getInstanceLocation().equals(combinator.getInstanceLocation())) {
          mistyped.add(branch);
        }
      }
      branches.removeAll(mistyped);
      if (branches.size() == 1) {
        int fitting = branches.iterator().next();
        remaining.remove(combinator);
        remaining.removeIf(
            e -> branchErrors.contains(e) && branchOf(path, e.getEvaluationPath()) != fitting);
      } else {
        remaining.removeAll(branchErrors);
      }
    }
    return remaining;
  }

  /** The index of the branch of the combinator at {@code combinator} that {@code path} is in. */
  private static int branchOf(NodePath combinator, NodePath path) {
    int length = combinator.getNameCount();
    if (path.getNameCount() <= length || !path.startsWith(combinator)) {
      return -1;
    }
    return path.getElement(length) instanceof Integer index ? index : -1;
  }

  /** "; did you mean 'x'?" for a near miss, or the properties that are allowed. */
  private String suggestion(Error error, String property) {
    JsonNode owner = parent(error);
    if (owner == null || !owner.path("properties").isObject()) {
      return "";
    }
    List<String> known = List.copyOf(owner.path("properties").propertyNames());
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(property.toLowerCase(), candidate.toLowerCase());
      if (distance < best) {
        best = distance;
        closest = candidate;
      }
    }
    if (closest != null && best <= Math.max(1, closest.length() / 3)) {
      return "; did you mean '" + closest + "'?";
    }
    return known.isEmpty() ? "" : "; expected one of " + String.join(", ", known);
  }

  /** The schema object holding the keyword that failed. */
  private JsonNode parent(Error error) {
    NodePath keyword = error.getSchemaLocation().getFragment();
    if (keyword == null || keyword.getNameCount() == 0) {
      return null;
    }
    JsonNode owner = tree.at(pointer(keyword.getParent()));
    return owner.isObject() ? owner : null;
  }

  /** The schema itself, or the one it refers to with a local {@code $ref}. */
  private JsonNode resolve(JsonNode schemaNode) {
    if (schemaNode == null) {
      return null;
    }
    JsonNode ref = schemaNode.path("$ref");
    if (ref.isString() && ref.asString().startsWith("#")) {
      JsonNode target = tree.at(ref.asString().substring(1));
      return target.isMissingNode() ? null : target;
    }
    return schemaNode;
  }

  private static int firstDuplicate(JsonNode array) {
    if (array == null || !array.isArray()) {
      return -1;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!seen.add(array.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String pointer(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer.append('/');
      pointer.append(
          element instanceof Integer index
              ? index.toString()
              : element.toString().replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  /** {@code rules[0].match.labels["app.kubernetes.io/name"]}; empty for the root. */
  static String describe(NodePath path) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else if (SIMPLE_NAME.matcher(element.toString()).matches()) {
        text.append(text.isEmpty() ? "" : ".").append(element);
      } else {
        text.append("[\"").append(element.toString().replace("\"", "\\\"")).append("\"]");
      }
    }
    return text.toString();
  }

  private static String expectedTypes(JsonNode type) {
    if (type.isArray()) {
      return type.valueStream()
          .map(t -> typeName(t.asString()))
          .collect(Collectors.joining(" or "));
    }
    return typeName(type.asString());
  }

  private static String typeName(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "null" -> "empty";
      default -> type;
    };
  }

  private static String found(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "empty";
    } else if (value.isObject()) {
      return "a mapping";
    } else if (value.isArray()) {
      return "a list";
    } else if (value.isString()) {
      return "a string";
    } else if (value.isIntegralNumber()) {
      return "an integer";
    } else if (value.isNumber()) {
      return "a number";
    } else if (value.isBoolean()) {
      return "a boolean";
    }
    return value.getNodeType().toString().toLowerCase();
  }

  /** A value as it would be written: strings in single quotes. */
  private static String shown(JsonNode value) {
    return value != null && value.isString() ? "'" + value.asString() + "'" : String.valueOf(value);
  }

  private static String plain(JsonNode value) {
    return value.isString() ? value.asString() : value.toString();
  }

  /** Edit distance counting a swap of two neighbours as one edit, for "did you mean". */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
