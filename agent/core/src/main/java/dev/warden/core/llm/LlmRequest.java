package dev.warden.core.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a feature asks of the gateway: its instructions (a template and trusted values), the
 * untrusted content to analyse, the scope it is for, optionally the JSON Schema the answer must
 * match, and the deterministic answer to give whenever a model cannot.
 *
 * @param feature the asking feature: its settings, flag, budget and metrics
 * @param template the versioned instructions
 * @param values trusted values for the template's placeholders
 * @param data untrusted content, fenced as data
 * @param scope the repository or channel the answer is for, or empty: flags roll out and budgets
 *     count per scope
 * @param schema the schema a structured answer must match, if the answer is JSON
 * @param deterministic the feature's answer without a model; always available, never slow
 */
public record LlmRequest(
    Feature feature,
    PromptTemplate template,
    Map<String, String> values,
    List<Untrusted> data,
    String scope,
    Optional<AnswerSchema> schema,
    Supplier<String> deterministic) {
  public LlmRequest {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(template, "template");
    values = Map.copyOf(values);
    data = List.copyOf(data);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(deterministic, "deterministic");
  }

  /** A request for {@code feature} with {@code template}; fill in the rest with the builder. */
  public static Builder builder(Feature feature, PromptTemplate template) {
    return new Builder(feature, template);
  }

  /** Builds a request. */
  public static final class Builder {
    private final Feature feature;
    private final PromptTemplate template;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Untrusted> data = new ArrayList<>();
    private String scope = "";
    private AnswerSchema schema;
    private Supplier<String> deterministic;

    private Builder(Feature feature, PromptTemplate template) {
      this.feature = feature;
      this.template = template;
    }

    /** A trusted value for placeholder {@code name}. */
    public Builder value(String name, String value) {
      values.put(name, value);
      return this;
    }

    /** Untrusted content to analyse. */
    public Builder data(Untrusted content) {
      data.add(content);
      return this;
    }

    /** The repository or channel the answer is for. */
    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** The answer must be JSON matching {@code schema}. */
    public Builder schema(AnswerSchema schema) {
      this.schema = schema;
      return this;
    }

    /** The answer without a model. */
    public Builder deterministic(Supplier<String> answer) {
      this.deterministic = answer;
      return this;
    }

    public LlmRequest build() {
      return new LlmRequest(
          feature,
          template,
          values,
          data,
          scope,
          Optional.ofNullable(schema),
          Objects.requireNonNull(deterministic, "every request needs its deterministic answer"));
    }
  }
}
