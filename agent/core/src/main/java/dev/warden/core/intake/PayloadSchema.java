package dev.warden.core.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema (draft 2020-12) of the part of a sender's body that Warden relies on. Schemas are
 * lenient about everything else: unknown fields are allowed, since real senders drift.
 */
public final class PayloadSchema {
  /** Errors name their place as JSON paths ({@code $.alerts[0]}), like the rest of Warden's. */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final Schema schema;

  private PayloadSchema(String name, Schema schema) {
    this.name = name;
    this.schema = schema;
  }

  /** Loads a schema from the class path of {@code owner}, relative to its package. */
  public static PayloadSchema load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema " + resource + " not found next to " + owner.getName());
      }
      return new PayloadSchema(resource, REGISTRY.getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code body} as JSON and checks it against this schema.
   *
   * @throws MalformedPayloadException naming every violation, or the JSON syntax error
   */
  public JsonNode parse(byte[] body, String what) {
    return validate(parseJson(body), what);
  }

  /**
   * Checks an already parsed body against this schema and returns it.
   *
   * @throws MalformedPayloadException naming every violation
   */
  public JsonNode validate(JsonNode node, String what) {
    List<String> problems = schema.validate(node).stream().map(PayloadSchema::describe).toList();
    if (!problems.isEmpty()) {
      throw new MalformedPayloadException(
          "The body is not a valid " + what + " (" + name + ")", problems);
    }
    return node;
  }

  /**
   * Parses {@code body} as JSON.
   *
   * @throws MalformedPayloadException with the parser's location of the syntax error
   */
  public static JsonNode parseJson(byte[] body) {
    if (body.length == 0) {
      throw new MalformedPayloadException("The body is empty; a JSON object was expected");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedPayloadException("The body is JSON but not an object");
      }
      return node;
    } catch (JacksonException e) {
      throw new MalformedPayloadException("The body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String describe(Error error) {
    String message = error.getMessage();
    String at = error.getInstanceLocation().toString();
    return message.startsWith(at) ? message : at + ": " + message;
  }
}
