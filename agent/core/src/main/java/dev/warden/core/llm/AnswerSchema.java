package dev.warden.core.llm;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema (draft 2020-12) a structured answer must match. The model is shown the schema;
 * its answer is parsed (a Markdown code fence around it is tolerated) and validated, and the
 * gateway asks once for a repair with the errors before it falls back.
 */
public final class AnswerSchema {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final String name;
  private final String text;
  private final Schema schema;

  private AnswerSchema(String name, String text, Schema schema) {
    this.name = name;
    this.text = text;
    this.schema = schema;
  }

  /**
   * A schema from its JSON text.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static AnswerSchema of(String name, String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("schema " + name + " is not JSON: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("schema " + name + " is not a JSON object");
    }
    return new AnswerSchema(name, JSON.writeValueAsString(tree), REGISTRY.getSchema(tree));
  }

  /** The schema's name, part of the cache key and the metrics. */
  public String name() {
    return name;
  }

  /** The schema as compact JSON, as the model is shown it. */
  public String text() {
    return text;
  }

  /** Reads an answer: valid JSON matching the schema, or what is wrong with it. */
  public Checked check(String answer) {
    String json = stripFence(answer.strip());
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JacksonException e) {
      return new Checked(null, List.of("the answer is not JSON: " + e.getOriginalMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      return new Checked(null, List.of("the answer is empty"));
    }
    List<Error> errors = schema.validate(tree);
    if (errors.isEmpty()) {
      return new Checked(tree, List.of());
    }
    return new Checked(null, errors.stream().map(Error::toString).limit(20).toList());
  }

  private static String stripFence(String text) {
    if (!text.startsWith("```")) {
      return text;
    }
    int firstLine = text.indexOf('\n');
    int close = text.lastIndexOf("```");
    if (firstLine < 0 || close <= firstLine) {
      return text;
    }
    return text.substring(firstLine + 1, close).strip();
  }

  /**
   * @param value the valid answer, or null
   * @param errors why the answer is not valid; empty when it is
   */
  public record Checked(JsonNode value, List<String> errors) {
    public Checked {
      errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    public boolean valid() {
      return value != null;
    }
  }
}
