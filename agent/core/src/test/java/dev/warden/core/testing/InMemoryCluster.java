package dev.warden.core.testing;

import dev.warden.core.kubernetes.Cluster;
import dev.warden.core.kubernetes.ClusterException;
import dev.warden.core.kubernetes.KubeObject;
import dev.warden.core.kubernetes.ObjectRef;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Cluster} over maps, for tests of everything that acts on Kubernetes: objects are put in
 * as YAML or JSON text that looks like what the API returns, and the fake behaves as the API server
 * does where Warden relies on it.
 *
 * <ul>
 *   <li>{@link #patch} applies the JSON merge patch by RFC 7386 ({@code null} deletes, maps merge,
 *       anything else replaces), raises {@code metadata.resourceVersion}, and {@code
 *       metadata.generation} when the spec changed; a missing object is a 404.
 *   <li>A dry run returns the result and stores nothing; a dry-run delete removes nothing.
 *   <li>{@link #list} filters by API version, kind, namespace and a label selector ({@code k=v},
 *       {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code
 *       !k}).
 *   <li>{@link #events} returns the stored {@code Event} objects whose {@code involvedObject} is
 *       the object, oldest first; {@link #logs} the text set with {@link #log}, cut to the tail, or
 *       a 400 as the kubelet answers for a log that is not there.
 *   <li>Every call is recorded ({@link #calls()}), before any failure set with {@link #failWhen}.
 * </ul>
 *
 * Objects read back are deep copies, so a caller can never change what is stored. Thread-safe
 * enough for one test: every method is synchronized.
 */
public final class InMemoryCluster implements Cluster {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
  private final Map<String, String> logs = new LinkedHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private long resourceVersion = 1000;

  /** One call to the port, as it was made. */
  public record Call(String method, Optional<ObjectRef> ref, String detail, boolean dryRun) {
    public Call {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(detail, "detail");
    }

    /** Whether this call would change something if it were not a dry run. */
    public boolean mutating() {
      return method.equals("patch") || method.equals("delete");
    }
  }

  private record Failure(Predicate<Call> when, int status, String message) {}

  public InMemoryCluster(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public String name() {
    return name;
  }

  // ---- test set-up and inspection

  /**
   * Stores objects given as YAML or JSON (several YAML documents are several objects). Times
   * written without quotes stay text, as in JSON from the API.
   */
  public synchronized InMemoryCluster put(String yamlOrJson) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Object document : yaml.loadAll(yamlOrJson)) {
      if (document instanceof Map<?, ?> map) {
        put(new KubeObject(normalised(map)));
      }
    }
    return this;
  }

  /** Stores an object, replacing one of the same API version, kind, namespace and name. */
  @SuppressWarnings("unchecked")
  public synchronized InMemoryCluster put(KubeObject object) {
    Map<String, Object> body = (Map<String, Object>) copy(object.body());
    Map<String, Object> metadata =
        (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    metadata.putIfAbsent("resourceVersion", String.valueOf(++resourceVersion));
    metadata.putIfAbsent("uid", "uid-" + metadata.get("name"));
    objects.put(key(refOf(body)), body);
    return this;
  }

  /** The stored object, as it is now. */
  public synchronized Optional<KubeObject> stored(ObjectRef ref) {
    return Optional.ofNullable(objects.get(key(ref))).map(body -> new KubeObject(copyMap(body)));
  }

  /**
   * Sets the log of a container; {@link #logs} cuts it to the tail asked for.
   *
   * @param previous whether it is the previous (terminated) instance's log
   */
  public synchronized InMemoryCluster log(
      String namespace, String pod, String container, boolean previous, String text) {
    logs.put(logKey(namespace, pod, container, previous), text);
    return this;
  }

  /**
   * Makes the calls that match fail with this status until {@link #clearFailures}; the call is
   * still recorded.
   */
  public synchronized InMemoryCluster failWhen(Predicate<Call> when, int status, String message) {
    failures.add(new Failure(when, status, message));
    return this;
  }

  /** Makes every call of the method ({@code get}, {@code patch}, ...) fail with this status. */
  public InMemoryCluster failCalls(String method, int status) {
    return failWhen(call -> call.method().equals(method), status, method + " refused");
  }

  public synchronized void clearFailures() {
    failures.clear();
  }

  /** Every call so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method ({@code get}, {@code list}, {@code events}, {@code logs}, ...). */
  public List<Call> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  /** The patches and deletes that were not dry runs: what changed the cluster. */
  public List<Call> changes() {
    return calls.stream().filter(call -> call.mutating() && !call.dryRun()).toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  // ---- the port

  @Override
  public synchronized Optional<KubeObject> get(ObjectRef ref) {
    record(new Call("get", Optional.of(ref), "", false));
    return stored(ref);
  }

  @Override
  public synchronized List<KubeObject> list(
      String apiVersion, String kind, Optional<String> namespace, String selector) {
    record(
        new Call(
            "list",
            Optional.empty(),
            apiVersion + " " + kind + " " + namespace.orElse("*") + " " + selector,
            false));
    List<Predicate<Map<String, String>>> terms = Selector.parse(selector);
    List<KubeObject> found = new ArrayList<>();
    for (Map<String, Object> body : objects.values()) {
      KubeObject object = new KubeObject(body);
      if (apiVersion.equals(object.text("apiVersion").orElse(""))
          && kind.equals(object.text("kind").orElse(""))
          && (namespace.isEmpty() || namespace.equals(object.namespace()))
          && terms.stream().allMatch(term -> term.test(object.strings("metadata", "labels")))) {
        found.add(new KubeObject(copyMap(body)));
      }
    }
    return found;
  }

  @Override
  public synchronized List<KubeObject> events(ObjectRef ref) {
    record(new Call("events", Optional.of(ref), "", false));
    List<KubeObject> events = new ArrayList<>();
    for (Map<String, Object> body : objects.values()) {
      KubeObject event = new KubeObject(body);
      if (event.text("kind").orElse("").equals("Event")
          && ref.kind().equals(event.text("involvedObject", "kind").orElse(""))
          && ref.name().equals(event.text("involvedObject", "name").orElse(""))
          && ref.namespace().equals(event.text("involvedObject", "namespace"))) {
        events.add(new KubeObject(copyMap(body)));
      }
    }
    events.sort(
        (a, b) -> a.text("lastTimestamp").orElse("").compareTo(b.text("lastTimestamp").orElse("")));
    return events;
  }

  @Override
  public synchronized String logs(
      String namespace, String pod, Optional<String> container, boolean previous, int tailLines) {
    record(
        new Call(
            "logs",
            Optional.of(new ObjectRef("v1", "Pod", Optional.of(namespace), pod)),
            container.orElse("") + (previous ? " previous" : "") + " tail=" + tailLines,
            false));
    String text = logs.get(logKey(namespace, pod, container.orElse(""), previous));
    if (text == null) {
      throw new ClusterException(
          (previous ? "previous terminated container " : "container ")
              + container.map(c -> "\"" + c + "\" ").orElse("")
              + "in pod \""
              + pod
              + "\" not found",
          400,
          null);
    }
    List<String> lines = List.of(text.split("\n", -1));
    if (text.endsWith("\n")) {
      lines = lines.subList(0, lines.size() - 1);
    }
    List<String> tail = lines.subList(Math.max(0, lines.size() - tailLines), lines.size());
    return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized KubeObject patch(ObjectRef ref, String mergePatch, boolean dryRun) {
    record(new Call("patch", Optional.of(ref), mergePatch, dryRun));
    Map<String, Object> current = objects.get(key(ref));
    if (current == null) {
      throw new ClusterException(notFound(ref), 404, null);
    }
    Object patch = JSON.readValue(mergePatch, Object.class);
    Map<String, Object> result = (Map<String, Object>) mergePatch(copy(current), patch);
    Map<String, Object> metadata = (Map<String, Object>) result.get("metadata");
    if (!Objects.equals(current.get("spec"), result.get("spec"))) {
      long generation = new KubeObject(current).number("metadata", "generation").orElse(1L);
      metadata.put("generation", generation + 1);
    }
    if (!dryRun) {
      metadata.put("resourceVersion", String.valueOf(++resourceVersion));
      objects.put(key(ref), result);
    }
    return new KubeObject(copyMap(result));
  }

  @Override
  public synchronized boolean delete(ObjectRef ref, boolean dryRun) {
    record(new Call("delete", Optional.of(ref), "", dryRun));
    if (!objects.containsKey(key(ref))) {
      return false;
    }
    if (!dryRun) {
      objects.remove(key(ref));
    }
    return true;
  }

  // ---- internals

  /** RFC 7386, section 2: MergePatch(Target, Patch). */
  @SuppressWarnings("unchecked")
  static Object mergePatch(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> patchMap)) {
      return copy(patch);
    }
    Map<String, Object> result =
        target instanceof Map<?, ?> map ? (Map<String, Object>) copy(map) : new LinkedHashMap<>();
    patchMap.forEach(
        (key, value) -> {
          String field = String.valueOf(key);
          if (value == null) {
            result.remove(field);
          } else {
            result.put(field, mergePatch(result.get(field), value));
          }
        });
    return result;
  }

  private void record(Call call) {
    calls.add(call);
    for (Failure failure : failures) {
      if (failure.when().test(call)) {
        throw new ClusterException(failure.message(), failure.status(), null);
      }
    }
  }

  private static String notFound(ObjectRef ref) {
    return ref.kind().toLowerCase(java.util.Locale.ROOT) + "s \"" + ref.name() + "\" not found";
  }

  private static ObjectRef refOf(Map<String, Object> body) {
    KubeObject object = new KubeObject(body);
    return new ObjectRef(
        object.text("apiVersion").orElseThrow(() -> new IllegalArgumentException("no apiVersion")),
        object.text("kind").orElseThrow(() -> new IllegalArgumentException("no kind")),
        object.namespace(),
        object.name());
  }

  private static String key(ObjectRef ref) {
    return ref.apiVersion()
        + "|"
        + ref.kind()
        + "|"
        + ref.namespace().orElse("")
        + "|"
        + ref.name();
  }

  private static String logKey(String namespace, String pod, String container, boolean previous) {
    return namespace + "|" + pod + "|" + container + "|" + previous;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copyMap(Map<String, Object> map) {
    return (Map<String, Object>) copy(map);
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copy(item)));
      return copy;
    }
    return value;
  }

  /** YAML times (unquoted) become text again, as JSON from the API has them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalised(Map<?, ?> map) {
    return (Map<String, Object>) normalise(map);
  }

  private static Object normalise(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), normalise(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(normalise(item)));
      return copy;
    }
    return value;
  }

  /** Label selectors as the API server reads them. */
  private static final class Selector {
    private Selector() {}

    static List<Predicate<Map<String, String>>> parse(String selector) {
      List<Predicate<Map<String, String>>> terms = new ArrayList<>();
      for (String term : split(selector)) {
        String t = term.strip();
        if (t.isEmpty()) {
          continue;
        }
        java.util.regex.Matcher set =
            java.util.regex.Pattern.compile("([^\\s!=]+)\\s+(in|notin)\\s+\\((.*)\\)").matcher(t);
        if (set.matches()) {
          String key = set.group(1);
          List<String> values = new ArrayList<>();
          for (String v : set.group(3).split(",")) {
            values.add(v.strip());
          }
          boolean in = set.group(2).equals("in");
          terms.add(
              labels ->
                  in
                      ? values.contains(labels.get(key))
                      : !labels.containsKey(key) || !values.contains(labels.get(key)));
        } else if (t.contains("!=")) {
          String[] kv = t.split("!=", 2);
          terms.add(labels -> !kv[1].strip().equals(labels.get(kv[0].strip())));
        } else if (t.contains("=")) {
          String[] kv = t.split("==?", 2);
          terms.add(labels -> kv[1].strip().equals(labels.get(kv[0].strip())));
        } else if (t.startsWith("!")) {
          terms.add(labels -> !labels.containsKey(t.substring(1).strip()));
        } else {
          terms.add(labels -> labels.containsKey(t));
        }
      }
      return terms;
    }

    /** Splits at commas outside parentheses. */
    private static List<String> split(String selector) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      StringBuilder part = new StringBuilder();
      for (char c : selector.toCharArray()) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        if (c == ',' && depth == 0) {
          parts.add(part.toString());
          part.setLength(0);
        } else {
          part.append(c);
        }
      }
      parts.add(part.toString());
      return parts;
    }
  }
}
