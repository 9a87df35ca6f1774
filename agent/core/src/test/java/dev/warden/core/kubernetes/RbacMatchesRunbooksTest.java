package dev.warden.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.kubernetes.KubernetesAccess.Grant;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.Step;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The RBAC in {@code deploy/base} against the runbooks in {@code runbooks/}: the mutate role grants
 * exactly what the mutating steps (rollback steps included) need, by {@link KubernetesAccess}; the
 * read role grants everything the look-ups need, only read verbs, and nothing on Secrets. A runbook
 * that needs more, or a role that grants more, fails here.
 */
class RbacMatchesRunbooksTest {
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

  @Test
  void theMutateRoleGrantsExactlyWhatTheShippedRunbooksChangesNeed() throws IOException {
    Roles roles = Roles.read(root().resolve("deploy/base"));

    Set<Grant> needed = needed(shipped(), true);

    assertThat(needed)
        .as("what the shipped runbooks' mutating steps need")
        .isNotEmpty()
        .contains(new Grant("apps", "deployments", "patch"), new Grant("", "nodes", "patch"));
    assertThat(mutateProblems(roles, needed)).isEmpty();
  }

  @Test
  void theReadRoleGrantsEveryLookUpAndNothingElse() throws IOException {
    Roles roles = Roles.read(root().resolve("deploy/base"));
    Set<Grant> lookUps = needed(shipped(), false);
    // a new runbook may look up any kind a step may name
    for (ResourceKind kind : ResourceKinds.all()) {
      lookUps.add(KubernetesAccess.on(kind, "get"));
      lookUps.add(KubernetesAccess.on(kind, "list"));
    }

    assertThat(lookUps).contains(new Grant("", "pods/log", "get"), new Grant("", "events", "list"));
    assertThat(readProblems(roles, lookUps)).isEmpty();
  }

  @Test
  void theBaseAppliesBothRolesToWardensServiceAccount() throws IOException {
    Path base = root().resolve("deploy/base");
    Roles roles = Roles.read(base);

    assertThat(roles.bindings())
        .containsEntry("warden-read", "warden/warden")
        .containsEntry("warden-runbook-mutate", "warden/warden");
    assertThat(roles.serviceAccounts()).contains("warden/warden");
    assertThat(roles.namespaces()).contains("warden");
    Map<String, Object> kustomization = Roles.documents(base.resolve("kustomization.yaml")).get(0);
    List<String> files;
    try (Stream<Path> listed = Files.list(base)) {
      files =
          listed
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    assertThat(kustomization.get("resources"))
        .as("every manifest in deploy/base is applied")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void aRunbookThatScalesAStatefulSetWouldFailTheCheck() throws IOException {
    Roles roles = Roles.read(root().resolve("deploy/base"));
    RunbookLoader.Loaded extra =
        RunbookLoader.parse(
            "runbooks/scale-queue-workers.yaml",
            """
            name: scale-queue-workers
            description: The queue is backing up; add workers
            match:
              alertname: QueueBacklogHigh
            params:
              namespace: "{{ labels.namespace }}"
            steps:
              - id: scale
                action: kubernetes.scale
                with: { namespace: "{{ params.namespace }}", kind: statefulset, name: workers, replicas: 6 }
            """);
    assertThat(extra.problems()).isEmpty();
    List<Runbook> runbooks = new ArrayList<>(shipped());
    runbooks.addAll(extra.runbooks().orElseThrow());

    List<String> problems = mutateProblems(roles, needed(runbooks, true));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "warden-runbook-mutate lacks apps/statefulsets get",
            "warden-runbook-mutate lacks apps/statefulsets patch");
  }

  @Test
  void aRoleThatGrantsMoreThanTheRunbooksNeedWouldFailTheCheck() throws IOException {
    Roles roles = Roles.read(root().resolve("deploy/base"));
    List<Runbook> withoutCordon =
        shipped().stream().filter(r -> !r.name().equals("node-not-ready-cordon")).toList();
    Set<Grant> lookUps = needed(shipped(), false);
    Roles widened =
        roles
            .withRead(new Grant("", "secrets", "get"))
            .withRead(new Grant("apps", "deployments", "delete"));

    assertThat(mutateProblems(roles, needed(withoutCordon, true)))
        .containsExactlyInAnyOrder(
            "warden-runbook-mutate grants nodes get, which no mutating step needs",
            "warden-runbook-mutate grants nodes patch, which no mutating step needs");
    assertThat(readProblems(widened, lookUps))
        .containsExactlyInAnyOrder(
            "warden-read grants secrets get: Secrets are never read",
            "warden-read grants apps/deployments delete, a verb that changes something");
    assertThat(readProblems(roles.withoutRead(new Grant("", "pods/log", "get")), lookUps))
        .containsExactly("warden-read lacks pods/log get");
  }

  // ---- derivation and comparison

  /** The grants the steps need: of mutating steps (rollback steps included), or of the others. */
  private static Set<Grant> needed(List<Runbook> runbooks, boolean mutating) {
    Set<Grant> grants = new TreeSet<>();
    for (Runbook runbook : runbooks) {
      List<Step> steps = new ArrayList<>(runbook.steps());
      steps.addAll(runbook.rollback());
      for (Step step : steps) {
        if (step.mutates() == mutating) {
          // templates stand for themselves: only the kind must be written out
          Map<String, Object> with = new LinkedHashMap<>();
          step.with().forEach((key, value) -> with.put(key, String.valueOf(value)));
          grants.addAll(KubernetesAccess.required(step.action(), with));
        }
      }
    }
    return grants;
  }

  private static List<String> mutateProblems(Roles roles, Set<Grant> needed) {
    List<String> problems = new ArrayList<>(general(roles.mutate(), "warden-runbook-mutate"));
    for (Grant grant : needed) {
      if (!roles.mutate().contains(grant)) {
        problems.add("warden-runbook-mutate lacks " + grant);
      }
    }
    for (Grant grant : roles.mutate()) {
      if (!needed.contains(grant)) {
        problems.add("warden-runbook-mutate grants " + grant + ", which no mutating step needs");
      }
    }
    return problems;
  }

  private static List<String> readProblems(Roles roles, Set<Grant> lookUps) {
    List<String> problems = new ArrayList<>(general(roles.read(), "warden-read"));
    for (Grant grant : lookUps) {
      if (!roles.read().contains(grant)) {
        problems.add("warden-read lacks " + grant);
      }
    }
    for (Grant grant : roles.read()) {
      if (!READ_VERBS.contains(grant.verb())) {
        problems.add("warden-read grants " + grant + ", a verb that changes something");
      }
    }
    return problems;
  }

  /** Problems of any role: wildcards and Secrets. */
  private static List<String> general(Set<Grant> grants, String role) {
    List<String> problems = new ArrayList<>();
    for (Grant grant : grants) {
      if (grant.apiGroup().equals("*")
          || grant.resource().equals("*")
          || grant.verb().equals("*")) {
        problems.add(role + " grants " + grant + ": no wildcards");
      }
      if (grant.resource().equals("secrets") || grant.resource().startsWith("secrets/")) {
        problems.add(role + " grants " + grant + ": Secrets are never read");
      }
    }
    return problems;
  }

  // ---- the repository

  private static List<Runbook> shipped() {
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(root().resolve("runbooks")));
    assertThat(loaded.problems()).isEmpty();
    return loaded.runbooks().orElseThrow();
  }

  /** The repository: from the build's property, else the nearest directory up with both. */
  static Path root() {
    String property = System.getProperty("maven.multiModuleProjectDirectory");
    if (property != null && isRoot(Path.of(property))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory with runbooks/ and deploy/ above the working one");
  }

  private static boolean isRoot(Path dir) {
    return Files.isDirectory(dir.resolve("runbooks")) && Files.isDirectory(dir.resolve("deploy"));
  }

  /** The RBAC objects of a Kustomize base. */
  private record Roles(
      Set<Grant> read,
      Set<Grant> mutate,
      Map<String, String> bindings,
      Set<String> serviceAccounts,
      Set<String> namespaces) {
    static Roles read(Path base) throws IOException {
      Map<String, Set<Grant>> roles = new LinkedHashMap<>();
      Map<String, String> bindings = new LinkedHashMap<>();
      Set<String> accounts = new TreeSet<>();
      Set<String> namespaces = new TreeSet<>();
      List<Path> files;
      try (Stream<Path> listed = Files.list(base)) {
        files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path file : files) {
        for (Map<String, Object> document : documents(file)) {
          Map<?, ?> metadata = (Map<?, ?>) document.getOrDefault("metadata", Map.of());
          String name = String.valueOf(metadata.get("name"));
          switch (String.valueOf(document.get("kind"))) {
            case "ClusterRole", "Role" -> roles.put(name, grants(document));
            case "ClusterRoleBinding", "RoleBinding" -> {
              String role = String.valueOf(((Map<?, ?>) document.get("roleRef")).get("name"));
              for (Object subject : (List<?>) document.get("subjects")) {
                Map<?, ?> s = (Map<?, ?>) subject;
                if ("ServiceAccount".equals(s.get("kind"))) {
                  bindings.put(role, s.get("namespace") + "/" + s.get("name"));
                }
              }
              assertThat(role).as("binding " + name).isEqualTo(name);
            }
            case "ServiceAccount" -> accounts.add(metadata.get("namespace") + "/" + name);
            case "Namespace" -> namespaces.add(name);
            default -> {}
          }
        }
      }
      assertThat(roles).containsOnlyKeys("warden-read", "warden-runbook-mutate");
      return new Roles(
          roles.get("warden-read"),
          roles.get("warden-runbook-mutate"),
          bindings,
          accounts,
          namespaces);
    }

    Roles withRead(Grant grant) {
      Set<Grant> read = new TreeSet<>(this.read);
      read.add(grant);
      return new Roles(read, mutate, bindings, serviceAccounts, namespaces);
    }

    Roles withoutRead(Grant grant) {
      Set<Grant> read = new TreeSet<>(this.read);
      read.remove(grant);
      return new Roles(read, mutate, bindings, serviceAccounts, namespaces);
    }

    /** Every (group, resource, verb) a role's rules grant. */
    private static Set<Grant> grants(Map<String, Object> role) {
      Set<Grant> grants = new TreeSet<>();
      for (Object item : (List<?>) role.get("rules")) {
        Map<?, ?> rule = (Map<?, ?>) item;
        assertThat(rule.containsKey("resourceNames") || rule.containsKey("nonResourceURLs"))
            .as("rules name no single objects or URLs")
            .isFalse();
        for (Object group : (List<?>) rule.get("apiGroups")) {
          for (Object resource : (List<?>) rule.get("resources")) {
            for (Object verb : (List<?>) rule.get("verbs")) {
              grants.add(
                  new Grant(String.valueOf(group), String.valueOf(resource), String.valueOf(verb)));
            }
          }
        }
      }
      return grants;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws IOException {
      List<Map<String, Object>> documents = new ArrayList<>();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
          if (document instanceof Map<?, ?> map) {
            documents.add((Map<String, Object>) map);
          }
        }
      }
      return documents;
    }
  }
}
