package dev.warden.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SlackDirectory} against a fake Slack Web API (WireMock). */
class SlackDirectoryTest {
  private static final String TOKEN = "xoxb-FAKE-directory-test-token";
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Set<String> POLICY_REFERENCES =
      Set.of(
          "slack-group:S0ONCALL1",
          "slack-group:S0DBAS001",
          "U024BE7LH",
          "@sre-oncall",
          "github-team:acme/sre");

  private WireMockServer slack;
  private final AtomicLong ticker = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void start() {
    slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    RecordedLogs.clear();
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  private SlackDirectory directory(Map<String, String> githubLogins) {
    SlackSettings settings =
        new SlackSettings(TOKEN, null, null, "http://127.0.0.1:" + slack.port() + "/api/", null);
    SlackWebApi api =
        new SlackWebApi(settings, wait -> nanos.addAndGet(wait.toNanos()), nanos::get);
    return new SlackDirectory(api, () -> POLICY_REFERENCES, githubLogins, TTL, ticker::get);
  }

  private static MappingBuilder members(String group) {
    return post(urlEqualTo("/api/usergroups.users.list"))
        .withRequestBody(containing("usergroup=" + group));
  }

  private void groupHas(String group, String... users) {
    slack.stubFor(
        members(group)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":true,\"users\":[\"" + String.join("\",\"", users) + "\"]}")));
  }

  private int listed(String group) {
    return slack
        .findAll(
            postRequestedFor(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("usergroup=" + group)))
        .size();
  }

  private void userHasEmail(String user, String email) {
    slack.stubFor(
        post(urlEqualTo("/api/users.info"))
            .withRequestBody(containing("user=" + user))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":true,\"user\":{\"id\":\""
                            + user
                            + "\",\"name\":\"maria.oncall\",\"profile\":{\"email\":\""
                            + email
                            + "\"}}}")));
  }

  @Test
  void namesTheGroupsOfThePoliciesThatHaveTheUser() {
    groupHas("S0ONCALL1", "U05ONCALL01", "U05OTHER001");
    groupHas("S0DBAS001", "U05OTHER001");

    assertThat(directory(Map.of()).membershipsOf("U05ONCALL01"))
        .containsExactly("slack-group:S0ONCALL1");

    // only the slack-group references are asked, with the bot token
    assertThat(slack.findAll(postRequestedFor(urlEqualTo("/api/usergroups.users.list"))))
        .hasSize(2)
        .allSatisfy(
            request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    slack.verify(0, postRequestedFor(urlEqualTo("/api/users.info")));
  }

  @Test
  void keepsEachGroupForTheTtlAndAsksAgainAfterIt() {
    groupHas("S0ONCALL1", "U05ONCALL01");
    groupHas("S0DBAS001", "U05OTHER001");
    SlackDirectory directory = directory(Map.of());

    directory.membershipsOf("U05ONCALL01");
    ticker.addAndGet(TTL.toNanos() - 1);
    assertThat(directory.membershipsOf("U05OTHER001")).containsExactly("slack-group:S0DBAS001");
    assertThat(listed("S0ONCALL1")).isEqualTo(1);
    assertThat(listed("S0DBAS001")).isEqualTo(1);

    // the on-call rotation moved on: after the TTL the directory sees it
    groupHas("S0ONCALL1", "U05OTHER001");
    ticker.addAndGet(2);

    assertThat(directory.membershipsOf("U05ONCALL01")).isEmpty();
    assertThat(listed("S0ONCALL1")).isEqualTo(2);
    assertThat(listed("S0DBAS001")).isEqualTo(2);
  }

  @Test
  void aGroupSlackWillNotListCountsForNothingIsLoggedAndIsAskedAgain() {
    groupHas("S0ONCALL1", "U05ONCALL01");
    slack.stubFor(
        members("S0DBAS001")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"missing_scope\"}")));
    SlackDirectory directory = directory(Map.of());

    assertThat(directory.membershipsOf("U05ONCALL01")).containsExactly("slack-group:S0ONCALL1");
    assertThat(directory.membershipsOf("U05ONCALL01")).containsExactly("slack-group:S0ONCALL1");

    assertThat(listed("S0DBAS001")).isEqualTo(2);
    assertThat(listed("S0ONCALL1")).isEqualTo(1);
    assertThat(directory.state()).contains("last error usergroups.users.list missing_scope");
    assertThat(RecordedLogs.lines())
        .anySatisfy(line -> assertThat(line).contains("group=S0DBAS001", "error=missing_scope"))
        .allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
  }

  @Test
  void aSlackThatCannotBeReachedGivesNoMembershipsAndNoException() {
    groupHas("S0ONCALL1", "U05ONCALL01");
    SlackDirectory directory = directory(Map.of("maria@acme.example", "maria-gh"));
    slack.stop();

    assertThat(directory.membershipsOf("U05ONCALL01")).isEmpty();
    assertThat(directory.state()).contains("io_error");
  }

  @Test
  void mapsTheUsersEmailToAGithubLoginInAnyCase() {
    groupHas("S0ONCALL1", "U05ONCALL01");
    groupHas("S0DBAS001");
    userHasEmail("U05ONCALL01", "Maria.Oncall@Acme.example");
    SlackDirectory directory =
        directory(Map.of("maria.oncall@acme.example", "maria-gh", "bob@acme.example", "bob-gh"));

    assertThat(directory.membershipsOf("U05ONCALL01"))
        .containsExactlyInAnyOrder("slack-group:S0ONCALL1", "github:maria-gh");
    assertThat(directory.membershipsOf("U05ONCALL01")).contains("github:maria-gh");

    slack.verify(
        1,
        postRequestedFor(urlEqualTo("/api/users.info"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertThat(RecordedLogs.lines())
        .allSatisfy(line -> assertThat(line).doesNotContainIgnoringCase("maria.oncall@acme"));
  }

  @Test
  void aUserWithoutAMappedEmailGetsNoGithubLogin() {
    groupHas("S0ONCALL1");
    groupHas("S0DBAS001");
    userHasEmail("U05OTHER001", "someone@else.example");
    slack.stubFor(
        post(urlEqualTo("/api/users.info"))
            .withRequestBody(containing("user=U05GUEST001"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"user_not_found\"}")));
    SlackDirectory directory = directory(Map.of("maria.oncall@acme.example", "maria-gh"));

    assertThat(directory.membershipsOf("U05OTHER001")).isEmpty();
    assertThat(directory.membershipsOf("U05GUEST001")).isEmpty();
    assertThat(directory.state()).contains("users.info user_not_found");
  }

  @Test
  void saysWhatItWatchesForTheHealthLine() {
    assertThat(directory(Map.of("a@acme.example", "a")).state())
        .isEqualTo(
            "directory: 2 Slack user group(s) in policies, 1 e-mail to GitHub login mapping(s),"
                + " cached PT5M");
  }
}
