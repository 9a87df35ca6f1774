package dev.warden.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden events}: recent inbox events with their state, from a running server's {@code
 * /actuator/events}; {@code warden events requeue ID} puts a dead event back in the queue.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "List recent events and their processing state, or requeue a dead one.")
class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..2",
      paramLabel = "requeue ID",
      description = "requeue ID: move the dead event ID back to pending.")
  List<String> action = List.of();

  @Option(
      names = "--url",
      defaultValue = "${WARDEN_URL:-http://localhost:8080}",
      description = "The Warden server (default: $WARDEN_URL or ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--state",
      description = "Only events in this state: pending, processing, retrying, done, dead.")
  String state;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "How many (default ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  @Option(names = "--json", description = "Print the server's JSON as is.")
  boolean json;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!action.isEmpty()) {
        return requeue(out, err);
      }
      String query = "?limit=" + limit + (state == null ? "" : "&state=" + encode(state));
      HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint(query)).GET());
      if (response.statusCode() != 200) {
        err.println(
            "warden events: "
                + url
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
        return 1;
      }
      if (json) {
        out.println(response.body());
      } else {
        EventsTable.print(JsonMapper.builder().build().readTree(response.body()), out);
      }
      return 0;
    } catch (ConnectException e) {
      err.println(
          "warden events: no Warden server at "
              + url
              + ". Start one with ./warden serve, or pass --url.");
      return 1;
    } catch (IOException e) {
      err.println("warden events: " + url + ": " + e.getMessage());
      return 1;
    }
  }

  private int requeue(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    if (action.size() != 2 || !action.get(0).equals("requeue") || !action.get(1).matches("\\d+")) {
      err.println("warden events: usage: warden events requeue ID (ID as listed by warden events)");
      return 2;
    }
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(endpoint("/" + action.get(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    JsonNode answer = JsonMapper.builder().build().readTree(response.body());
    if (response.statusCode() == 200 && answer.path("requeued").asBoolean(false)) {
      out.println("event " + action.get(1) + " requeued");
      return 0;
    }
    err.println(
        "warden events: event "
            + action.get(1)
            + " is not dead (or does not exist); nothing requeued");
    return 1;
  }

  private URI endpoint(String suffix) {
    String base = url.toString().replaceAll("/+$", "");
    return URI.create(base + "/actuator/events" + suffix);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
