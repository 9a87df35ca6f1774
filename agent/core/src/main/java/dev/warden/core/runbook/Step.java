package dev.warden.core.runbook;

import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.Effect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a runbook: a typed action with its parameters.
 *
 * @param id unique within the runbook
 * @param action the step kind, one of {@link RunbookLoader#STEP_KINDS}
 * @param with the parameters: strings are {@link Template}s; numbers, booleans, lists and maps
 *     (whose strings are templates too) as written
 * @param onFailure what happens when the step fails
 * @param timeout how long the step may take, if limited
 * @param origin where the step is defined: {@code file:line:column}
 */
public record Step(
    String id,
    String action,
    Map<String, Object> with,
    OnFailure onFailure,
    Optional<Duration> timeout,
    String origin) {
  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    with = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
    Objects.requireNonNull(onFailure, "onFailure");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(origin, "origin");
  }

  /** Whether the step changes something (restarts, rolls back, scales, deletes, cordons). */
  public boolean mutates() {
    return ActionKinds.find(action).map(ActionKind::effect).orElse(Effect.MUTATE) == Effect.MUTATE;
  }

  /**
   * The parameters with every template rendered; numbers and booleans as they are.
   *
   * @throws Template.RenderException naming the first value that is missing
   */
  public Map<String, Object> render(Template.Values values) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    with.forEach((key, value) -> rendered.put(key, render(value, values)));
    return rendered;
  }

  private static Object render(Object value, Template.Values values) {
    if (value instanceof Template template) {
      return template.render(values);
    } else if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>();
      list.forEach(item -> rendered.add(render(item, values)));
      return rendered;
    } else if (value instanceof Map<?, ?> map) {
      Map<Object, Object> rendered = new LinkedHashMap<>();
      map.forEach((key, item) -> rendered.put(key, render(item, values)));
      return rendered;
    }
    return value;
  }
}
