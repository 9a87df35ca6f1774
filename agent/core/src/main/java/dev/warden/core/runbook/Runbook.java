package dev.warden.core.runbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A runbook: for alerts whose labels match, the steps an SRE would take. A definition only; running
 * it is the runbook engine's job.
 *
 * @param name unique across the loaded runbooks
 * @param description one line for people
 * @param match label name to matcher; every one must match
 * @param params parameter name to its template over the alert's labels and annotations (a literal
 *     is a template without placeholders)
 * @param steps the steps, in order
 * @param rollback the steps that undo the runbook's changes; may be empty
 * @param origin where the runbook is defined: {@code file:line:column}
 */
public record Runbook(
    String name,
    String description,
    Map<String, LabelMatcher> match,
    Map<String, Template> params,
    List<Step> steps,
    List<Step> rollback,
    String origin) {
  public Runbook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    match = Collections.unmodifiableMap(new LinkedHashMap<>(match));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    steps = List.copyOf(steps);
    rollback = List.copyOf(rollback);
    Objects.requireNonNull(origin, "origin");
    if (match.isEmpty()) {
      throw new IllegalArgumentException("a runbook must match at least one label");
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a runbook needs at least one step");
    }
  }

  /** Whether every matcher matches the alert's labels (a label the alert lacks never matches). */
  public boolean matches(Map<String, String> labels) {
    return match.entrySet().stream()
        .allMatch(entry -> entry.getValue().matches(labels.get(entry.getKey())));
  }

  /**
   * The parameters for an alert: each template rendered with the alert's labels and annotations.
   * Values are inserted literally and never rendered again.
   *
   * @throws Template.RenderException naming a label or annotation the alert lacks
   */
  public Map<String, String> renderParams(
      Map<String, String> labels, Map<String, String> annotations) {
    Map<String, String> rendered = new LinkedHashMap<>();
    params.forEach(
        (key, template) -> {
          try {
            rendered.put(
                key,
                template.render(
                    reference ->
                        switch (reference.root()) {
                          case LABELS -> labels.get(reference.name());
                          case ANNOTATIONS -> annotations.get(reference.name());
                          default -> null;
                        }));
          } catch (Template.RenderException e) {
            throw new Template.RenderException(
                "runbook " + name + ", parameter " + key + ": " + e.getMessage());
          }
        });
    return rendered;
  }

  /**
   * The values for rendering the steps of this runbook for an alert: its labels and annotations,
   * the rendered parameters and the outputs of the steps that ran so far.
   *
   * @param outputs step id to that step's outputs
   */
  public Template.Values values(
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> params,
      Map<String, Map<String, String>> outputs) {
    return reference ->
        switch (reference.root()) {
          case LABELS -> labels.get(reference.name());
          case ANNOTATIONS -> annotations.get(reference.name());
          case PARAMS -> params.get(reference.name());
          case STEPS -> outputs.getOrDefault(reference.step(), Map.of()).get(reference.name());
        };
  }

  /** The main steps, then the rollback steps: the order of a run's steps. */
  public List<Step> allSteps() {
    List<Step> all = new ArrayList<>(steps);
    all.addAll(rollback);
    return all;
  }

  /** Whether any step (rollback steps included) changes something. */
  public boolean mutates() {
    return steps.stream().anyMatch(Step::mutates) || rollback.stream().anyMatch(Step::mutates);
  }
}
