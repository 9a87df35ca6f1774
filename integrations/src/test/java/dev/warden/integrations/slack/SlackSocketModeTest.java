package dev.warden.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.testing.SharedFixtures;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Socket Mode against a fake Slack: WireMock answers {@code apps.connections.open} with the URL of
 * a local WebSocket server, which plays Slack's side of the socket.
 */
class SlackSocketModeTest {
  private static final String APP_TOKEN = "xapp-1-FAKE-socket-mode-test-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer slack;
  private FakeSocketServer socket;
  private SlackSocketMode socketMode;

  /** Slack's end of the socket: keeps the connection and every message Warden sends. */
  static final class FakeSocketServer extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    final CompletableFuture<WebSocket> connection = new CompletableFuture<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    FakeSocketServer() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"test\"}}");
      connection.complete(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}
  }

  @BeforeEach
  void start() throws Exception {
    slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    socket = new FakeSocketServer();
    socket.start();
    assertThat(socket.started.await(10, TimeUnit.SECONDS)).isTrue();
    RecordedLogs.clear();
  }

  @AfterEach
  void stop() throws Exception {
    if (socketMode != null) {
      socketMode.close();
    }
    socket.stop(1000);
    slack.stop();
  }

  private SlackSettings settings() {
    return new SlackSettings(
        null, null, APP_TOKEN, "http://127.0.0.1:" + slack.port() + "/api/", null);
  }

  private void connectionsOpenAnswers(String body) {
    slack.stubFor(
        post(urlEqualTo("/api/apps.connections.open"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void aSlashCommandOverTheSocketGoesToTheCoreAndItsAnswerIsTheAck() throws Exception {
    connectionsOpenAnswers(
        "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/?ticket=FAKE-ticket\"}");
    RecordingInteractions interactions =
        new RecordingInteractions(
            new ChatMessage(
                "Triage of checkout-api started",
                List.of(new Block.Section("*Triage* of `checkout-api` started"))));

    socketMode = SlackSocketMode.start(settings(), interactions);

    WebSocket conn = socket.connection.get(20, TimeUnit.SECONDS);
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", "57d6a792-4d35-4d0b-b6aa-3361493e1caf");
    envelope.put("type", "slash_commands");
    envelope.put("accepts_response_payload", true);
    envelope.set("payload", SharedFixtures.json("slack/slash-command.devops-triage.fields.json"));
    conn.send(JSON.writeValueAsString(envelope));

    String ack = socket.received.poll(20, TimeUnit.SECONDS);
    assertThat(ack).isNotNull();
    JsonNode reply = JSON.readTree(ack);
    assertThat(reply.path("envelope_id").asString())
        .isEqualTo("57d6a792-4d35-4d0b-b6aa-3361493e1caf");
    assertThat(reply.path("payload").path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("payload").path("text").asString())
        .isEqualTo("Triage of checkout-api started");
    assertThat(reply.path("payload").path("blocks").get(0).path("type").asString())
        .isEqualTo("section");
    assertThat(interactions.commands)
        .containsExactly(
            new CommandRequest(
                "/devops", "triage checkout-api --since 30m", "U05ONCALL01", "C05PRODOPS1"));
    assertThat(socketMode.isStarted()).isTrue();
    slack.verify(
        postRequestedFor(urlEqualTo("/api/apps.connections.open"))
            .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN)));
    assertThat(RecordedLogs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(APP_TOKEN));
  }

  @Test
  void aTokenSlackRefusesIsShownWithSlacksErrorAndWardenKeepsRunning() {
    connectionsOpenAnswers("{\"ok\":false,\"error\":\"invalid_auth\"}");

    socketMode =
        SlackSocketMode.start(settings(), new RecordingInteractions(null), Duration.ofHours(1));

    await().until(() -> socketMode.status().contains("invalid_auth"));
    assertThat(socketMode.isStarted()).isFalse();
    assertThat(socketMode.status()).isEqualTo("not connected (invalid_auth), retrying every 3600s");
    assertThat(
            new SlackIntegration(
                    new SlackSettings(
                        "xoxb-FAKE", null, APP_TOKEN, "http://127.0.0.1:9/api/", null),
                    Optional.of(socketMode),
                    Optional.empty())
                .availability()
                .detail())
        .contains("Socket Mode not connected (invalid_auth)")
        .doesNotContain(APP_TOKEN);
    assertThat(RecordedLogs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(APP_TOKEN));
  }

  @Test
  void needsAnAppToken() {
    assertThatThrownBy(
            () ->
                SlackSocketMode.start(
                    new SlackSettings("xoxb-FAKE", "secret", null, null, null),
                    new RecordingInteractions(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warden.slack.app-token");
  }
}
