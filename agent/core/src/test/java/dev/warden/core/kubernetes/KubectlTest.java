package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.ShopCluster.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code kubectl} command shown for each step, and how values from alerts are quoted. */
class KubectlTest {
  private static String command(String kind, Map<String, ?> parameters) {
    return Kubectl.command(action(kind, parameters)).orElseThrow();
  }

  @Test
  void changesReadAsAPersonWouldTypeThem() {
    assertThat(
            Kubectl.command(
                action(
                    "kubernetes.rollout-restart",
                    Target.kubernetes("prod", "shop", "Deployment", "web"),
                    Map.of("change-id", "run-1/restart"))))
        .contains("kubectl --context prod -n shop rollout restart deployment/web");
    assertThat(
            command(
                "kubernetes.rollout-restart",
                Map.of("namespace", "shop", "kind", "statefulset", "name", "db")))
        .isEqualTo("kubectl -n shop rollout restart statefulset/db");
    assertThat(command("kubernetes.rollout-undo", Map.of("namespace", "shop", "name", "web")))
        .isEqualTo("kubectl -n shop rollout undo deployment/web");
    assertThat(
            command(
                "kubernetes.scale",
                Map.of("cluster", "prod", "namespace", "shop", "name", "web", "replicas", 3)))
        .isEqualTo("kubectl --context prod -n shop scale deployment/web --replicas=3");
    assertThat(
            command(
                "kubernetes.delete-pod",
                Map.of("namespace", "shop", "name", "web-6d4cf56db6-x2x9k")))
        .isEqualTo("kubectl -n shop delete pod web-6d4cf56db6-x2x9k");
    assertThat(command("kubernetes.cordon", Map.of("name", ShopCluster.NODE)))
        .isEqualTo("kubectl cordon " + ShopCluster.NODE);
    assertThat(command("kubernetes.uncordon", Map.of("name", ShopCluster.NODE)))
        .isEqualTo("kubectl uncordon " + ShopCluster.NODE);
  }

  @Test
  void lookUpsReadAsAPersonWouldTypeThem() {
    assertThat(
            command(
                "kubernetes.get",
                Map.of(
                    "namespace",
                    "shop",
                    "kind",
                    "pod",
                    "name",
                    "web-1",
                    "output",
                    "owner-deployment")))
        .isEqualTo("kubectl -n shop get pod/web-1 -o yaml");
    assertThat(command("kubernetes.get", Map.of("kind", "node", "name", "n1")))
        .isEqualTo("kubectl get node/n1 -o yaml");
    assertThat(
            command(
                "kubernetes.get",
                Map.of("namespace", "batch", "kind", "pod", "selector", "job-name=nightly")))
        .isEqualTo("kubectl -n batch get pods -l job-name=nightly -o wide");
    assertThat(
            command(
                "kubernetes.describe",
                Map.of("namespace", "shop", "kind", "persistentvolumeclaim", "name", "data-0")))
        .isEqualTo("kubectl -n shop describe persistentvolumeclaim/data-0");
    assertThat(
            command(
                "kubernetes.pod-logs",
                Map.of(
                    "namespace",
                    "shop",
                    "pod",
                    "web-1",
                    "container",
                    "app",
                    "previous",
                    true,
                    "tail",
                    500)))
        .isEqualTo("kubectl -n shop logs web-1 -c app --previous --tail=500");
    assertThat(
            command(
                "kubernetes.pod-logs",
                Map.of("namespace", "batch", "selector", "job-name=nightly", "tail", 300)))
        .isEqualTo(
            "kubectl -n batch logs -l job-name=nightly --prefix --max-log-requests=5 --tail=300");
    assertThat(
            Kubectl.command(
                action(
                    "wait.until",
                    Map.of("condition", "deployment-ready", "namespace", "shop", "name", "web"))))
        .contains("kubectl -n shop rollout status deployment/web");
    assertThat(
            Kubectl.command(
                action(
                    "wait.until",
                    Map.of("condition", "pods-ready", "namespace", "shop", "selector", "app=web"))))
        .contains("kubectl -n shop wait --for=condition=Ready pod -l app=web");
  }

  @Test
  void hostileValuesAreEachOneInertWord() {
    String restart =
        command(
            "kubernetes.rollout-restart",
            Map.of("namespace", "shop; kubectl delete ns prod", "name", "$(curl x)"));
    String logs =
        command(
            "kubernetes.pod-logs",
            Map.of("namespace", "shop", "selector", "app=web; rm -rf /", "container", "{{ x }}"));
    String quote =
        command(
            "kubernetes.describe", Map.of("namespace", "shop", "kind", "pod", "name", "it's`id`"));

    assertThat(restart)
        .isEqualTo(
            "kubectl -n 'shop; kubectl delete ns prod' rollout restart 'deployment/$(curl x)'");
    assertThat(logs)
        .isEqualTo(
            "kubectl -n shop logs -l 'app=web; rm -rf /' --prefix --max-log-requests=5 -c '{{ x }}' --tail=500");
    assertThat(quote).isEqualTo("kubectl -n shop describe 'pod/it'\\''s`id`'");
    assertThat(shellWords(restart))
        .containsExactly(
            "kubectl",
            "-n",
            "shop; kubectl delete ns prod",
            "rollout",
            "restart",
            "deployment/$(curl x)");
    assertThat(shellWords(logs)).contains("app=web; rm -rf /", "{{ x }}");
    assertThat(shellWords(quote))
        .containsExactly("kubectl", "-n", "shop", "describe", "pod/it's`id`");
  }

  @Test
  void quotingLeavesOnlyPlainWordsBare() {
    for (String value :
        List.of(
            "a b", "a\tb", "a\nb", "*", "?", "~root", "a|b", "a&b", "a>b", "a<b", "$HOME", "\"x\"",
            "'", "\\", "a,b", "x!=y", "#x", "", "a;b", "(a)", "{a}", "[a]", "%", "^", "é")) {
      String quoted = Kubectl.quote(value);
      assertThat(quoted).as(value).startsWith("'").endsWith("'");
      assertThat(shellWords("echo " + quoted)).as(value).containsExactly("echo", value);
    }
    assertThat(Kubectl.quote("deployment/web-1.x:8080=@y")).isEqualTo("deployment/web-1.x:8080=@y");
  }

  @Test
  void noCommandForSecretsOtherSystemsOrIncompleteSteps() {
    assertThat(
            Kubectl.command(
                action(
                    "kubernetes.get", Map.of("namespace", "shop", "kind", "secret", "name", "db"))))
        .isEmpty();
    assertThat(Kubectl.command(action("http.check", Map.of("url", "https://x")))).isEmpty();
    assertThat(
            Kubectl.command(action("kubernetes.scale", Map.of("namespace", "shop", "name", "web"))))
        .isEmpty();
    assertThat(Kubectl.command(action("wait.until", Map.of("condition", "alert-resolved"))))
        .isEmpty();
  }

  /**
   * Splits a command as a POSIX shell splits words made of bare characters and single-quoted
   * strings (all {@link Kubectl#quote} writes): {@code '...'} is literal, {@code \'} outside quotes
   * is a quote. Fails on anything a shell would expand, so an unquoted metacharacter fails the
   * test.
   */
  private static List<String> shellWords(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == ' ') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        word.append(command, i + 1, end);
        i = end;
      } else if (c == '\\') {
        word.append(command.charAt(++i));
      } else if ("$`;&|<>(){}*?[]~#!\"\t\n".indexOf(c) >= 0) {
        throw new AssertionError("unquoted shell metacharacter '" + c + "' in " + command);
      } else {
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
