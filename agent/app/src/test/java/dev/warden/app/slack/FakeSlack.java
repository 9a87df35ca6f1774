package dev.warden.app.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.warden.app.testing.WebhookClient;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's side of the conversation for the application's Slack ITs. As the Web API (a WireMock
 * server at {@link #apiUrl()}) it answers every {@code POST /api/<method>} with {@code ok}, the
 * request's channel and a new, increasing {@code ts}, {@code usergroups.users.list} with the
 * members set by {@link #members}, and every {@code POST /response/<name>} (a {@code response_url})
 * with 200; each call is recorded in the order it was served. As the sender of events it posts
 * signed slash commands and button clicks to Warden's {@code /slack/events}, in the shape of the
 * shared fixtures.
 */
final class FakeSlack implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TRANSFORMER = "fake-slack";
  private static final String RESPONSE_PREFIX = "/response/";
  private static final String API_PREFIX = "/api/";

  /** What a {@code response_url} call is recorded as, in place of a Web API method. */
  static final String RESPONSE_URL = "response_url";

  /**
   * One request the fake received.
   *
   * @param seq the order in which it was served, from 1
   * @param method the Web API method, or {@link #RESPONSE_URL}
   * @param path the request's path
   * @param params the form fields (or the top-level JSON fields) of the body
   * @param body the raw body
   * @param ts the {@code ts} the fake answered with (empty for lists and response URLs)
   */
  record Call(
      long seq, String method, String path, Map<String, String> params, String body, String ts) {

    /** A form field, or empty. */
    Optional<String> param(String name) {
      return Optional.ofNullable(params.get(name));
    }

    /** The {@code blocks} field as JSON, or an empty array. */
    JsonNode blocks() {
      return param("blocks").map(JSON::readTree).orElseGet(JSON::createArrayNode);
    }

    /** The body as JSON (for a {@code response_url} call). */
    JsonNode json() {
      return JSON.readTree(body);
    }

    /** The blocks of a given type ({@code section}, {@code actions}, ...). */
    List<JsonNode> blocksOfType(String type) {
      return StreamSupport.stream(blocks().spliterator(), false)
          .filter(block -> type.equals(block.path("type").asString()))
          .toList();
    }

    /** Every button of every actions block. */
    List<JsonNode> buttons() {
      List<JsonNode> buttons = new ArrayList<>();
      for (JsonNode actions : blocksOfType("actions")) {
        actions.path("elements").forEach(buttons::add);
      }
      return buttons;
    }

    /** The fallback text and every block's text, as one string. */
    String allText() {
      StringBuilder all = new StringBuilder(param("text").orElse(""));
      collectText(blocks(), all);
      return all.toString();
    }

    private static void collectText(JsonNode node, StringBuilder all) {
      if (node.isObject() && node.path("text").isString()) {
        all.append('\n').append(node.path("text").asString());
      }
      node.forEach(child -> collectText(child, all));
    }
  }

  private final WireMockServer server;
  private final String signingSecret;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong ts = new AtomicLong();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

  private FakeSlack(String signingSecret) {
    this.signingSecret = signingSecret;
    this.server =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().extensions(new Answers()));
    server.start();
    server.stubFor(
        post(urlPathMatching("/api/.+")).willReturn(aResponse().withTransformers(TRANSFORMER)));
    server.stubFor(
        post(urlPathMatching("/response/.+"))
            .willReturn(aResponse().withTransformers(TRANSFORMER)));
  }

  /** A started fake whose events are signed with {@code signingSecret}. */
  static FakeSlack start(String signingSecret) {
    return new FakeSlack(signingSecret);
  }

  /** The Web API's base URL, for {@code warden.slack.api-url}. */
  String apiUrl() {
    return server.baseUrl() + API_PREFIX;
  }

  /** A {@code response_url} whose calls are recorded under {@code name}. */
  String responseUrl(String name) {
    return server.baseUrl() + RESPONSE_PREFIX + name;
  }

  /** The members {@code usergroups.users.list} answers for the user group {@code group}. */
  void members(String group, String... users) {
    groups.put(group, List.of(users));
  }

  /** Every call so far, in the order served. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The calls of one Web API method, in the order served. */
  List<Call> calls(String method) {
    return calls().stream().filter(call -> call.method().equals(method)).toList();
  }

  /** The calls to the {@code response_url} named {@code name}, in the order served. */
  List<Call> responses(String name) {
    return calls().stream()
        .filter(call -> call.method().equals(RESPONSE_URL))
        .filter(call -> call.path().equals(RESPONSE_PREFIX + name))
        .toList();
  }

  /**
   * A slash command as Slack sends it (form-encoded, signed now), typed by {@code user} in {@code
   * channel}, answered later through the {@code response_url} named {@code responseName}.
   */
  HttpResponse<String> slashCommand(
      int wardenPort,
      String user,
      String channel,
      String command,
      String text,
      String responseName) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", "FAKEverifTOKEN00000000000");
    fields.put("team_id", "T04ABCD1234");
    fields.put("team_domain", "acme-eng");
    fields.put("channel_id", channel);
    fields.put("channel_name", "ops");
    fields.put("user_id", user);
    fields.put("user_name", user.toLowerCase());
    fields.put("command", command);
    fields.put("text", text);
    fields.put("api_app_id", "A05DEVOPSBT");
    fields.put("is_enterprise_install", "false");
    fields.put("response_url", responseUrl(responseName));
    fields.put("trigger_id", "6012345678901.4123456789012.0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    return send(wardenPort, form(fields), signingSecret);
  }

  /**
   * A click on a button of the message {@code messageTs} in {@code channel}, as a {@code
   * block_actions} payload signed now with the fake's signing secret.
   */
  HttpResponse<String> click(
      int wardenPort,
      String user,
      String channel,
      String messageTs,
      String actionId,
      String value,
      String responseName) {
    return clickSignedWith(
        signingSecret, wardenPort, user, channel, messageTs, actionId, value, responseName);
  }

  /** A click as {@link #click}, signed with {@code secret} (a forger's). */
  HttpResponse<String> clickSignedWith(
      String secret,
      int wardenPort,
      String user,
      String channel,
      String messageTs,
      String actionId,
      String value,
      String responseName) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    ObjectNode who = payload.putObject("user");
    who.put("id", user);
    who.put("username", user.toLowerCase());
    who.put("name", user.toLowerCase());
    who.put("team_id", "T04ABCD1234");
    payload.put("api_app_id", "A05DEVOPSBT");
    payload.put("token", "FAKEverifTOKEN00000000000");
    ObjectNode container = payload.putObject("container");
    container.put("type", "message");
    container.put("message_ts", messageTs);
    container.put("channel_id", channel);
    container.put("is_ephemeral", false);
    payload.put("trigger_id", "6012345678999.4123456789012.a1b2c3d4e5f60718293a4b5c6d7e8f90");
    ObjectNode team = payload.putObject("team");
    team.put("id", "T04ABCD1234");
    team.put("domain", "acme-eng");
    payload.put("is_enterprise_install", false);
    ObjectNode where = payload.putObject("channel");
    where.put("id", channel);
    where.put("name", "approvals");
    ObjectNode message = payload.putObject("message");
    message.put("type", "message");
    message.put("user", "U05DEVOPSBT");
    message.put("bot_id", "B05DEVOPSBT");
    message.put("ts", messageTs);
    message.put("text", "Approval needed");
    payload.putObject("state").putObject("values");
    payload.put("response_url", responseUrl(responseName));
    ArrayNode actions = payload.putArray("actions");
    ObjectNode action = actions.addObject();
    action.put("action_id", actionId);
    action.put("block_id", "approval");
    action.putObject("text").put("type", "plain_text").put("text", actionId);
    action.put("value", value);
    action.put("type", "button");
    action.put("action_ts", Instant.now().getEpochSecond() + ".118433");
    byte[] body = form(Map.of("payload", JSON.writeValueAsString(payload)));
    return send(wardenPort, body, secret);
  }

  private static HttpResponse<String> send(int wardenPort, byte[] body, String secret) {
    long now = Instant.now().getEpochSecond();
    byte[] signed = ("v0:" + now + ":").getBytes(StandardCharsets.UTF_8);
    byte[] base = new byte[signed.length + body.length];
    System.arraycopy(signed, 0, base, 0, signed.length);
    System.arraycopy(body, 0, base, signed.length, body.length);
    return new WebhookClient(wardenPort)
        .post(
            "/slack/events",
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp",
                String.valueOf(now),
                "X-Slack-Signature",
                "v0=" + WebhookClient.hmacHex(secret, base)),
            body);
  }

  private static byte[] form(Map<String, String> fields) {
    List<String> pairs = new ArrayList<>();
    fields.forEach(
        (name, value) ->
            pairs.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Answers and records each call; see the class comment. */
  private final class Answers implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request request = event.getRequest();
      String path = URI.create(request.getUrl()).getPath();
      String body = request.getBodyAsString();
      if (path.startsWith(RESPONSE_PREFIX)) {
        record(RESPONSE_URL, path, Map.of(), body, "");
        return aResponse().withStatus(200).withBody("ok").build();
      }
      String method = path.substring(API_PREFIX.length());
      Map<String, String> params = params(body);
      ObjectNode answer = JSON.createObjectNode();
      if (method.equals("usergroups.users.list")) {
        List<String> members = groups.get(params.getOrDefault("usergroup", ""));
        if (members == null) {
          answer.put("ok", false);
          answer.put("error", "no_such_subteam");
        } else {
          answer.put("ok", true);
          ArrayNode users = answer.putArray("users");
          members.forEach(users::add);
        }
        record(method, path, params, body, "");
      } else {
        String next = String.format("1767225600.%06d", ts.incrementAndGet());
        answer.put("ok", true);
        answer.put("channel", params.getOrDefault("channel", "C0TEST"));
        answer.put("ts", next);
        answer.put("message_ts", next);
        record(method, path, params, body, next);
      }
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(JSON.writeValueAsString(answer))
          .build();
    }

    private void record(
        String method, String path, Map<String, String> params, String body, String ts) {
      synchronized (calls) {
        calls.add(new Call(seq.incrementAndGet(), method, path, params, body, ts));
      }
    }
  }

  /** The fields of a form-encoded body, or the top-level fields of a JSON one. */
  private static Map<String, String> params(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return params;
    }
    if (body.stripLeading().startsWith("{")) {
      JSON.readTree(body)
          .properties()
          .forEach(
              field ->
                  params.put(
                      field.getKey(),
                      field.getValue().isString()
                          ? field.getValue().asString()
                          : JSON.writeValueAsString(field.getValue())));
      return params;
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
