package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The {@link ChatSurface} on Slack's Web API ({@code chat.postMessage}, {@code chat.update}, {@code
 * chat.postEphemeral}) through Bolt's {@link MethodsClient}, at {@link SlackSettings#apiUrl()}.
 * Calls are paced per method (and per channel for {@code chat.postMessage}) at the rates of {@link
 * SlackLimits}, and a 429 is retried after {@code Retry-After}: see {@link SlackWebApi}.
 */
public final class SlackSurface implements ChatSurface {
  /** Connect, read and whole-call timeout of one HTTP request to the Web API. */
  private static final int TIMEOUT_MILLIS = 10_000;

  private final SlackWebApi api;

  /** A surface on the Web API at {@code settings.apiUrl()}, with the bot token. */
  public SlackSurface(SlackSettings settings) {
    this(new SlackWebApi(settings));
  }

  SlackSurface(SlackWebApi api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /**
   * A Bolt client for the configured URL. No stats (they would call {@code auth.test} on their
   * own), and none of Bolt's response listeners: at debug level they log every request's URL and
   * body, and a {@code response_url} is a credential, a {@code users.info} answer an e-mail
   * address.
   */
  static Slack slack(SlackSettings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setStatsEnabled(false);
    config.setHttpClientResponseHandlers(new ArrayList<>());
    config.setHttpClientReadTimeoutMillis(TIMEOUT_MILLIS);
    config.setHttpClientWriteTimeoutMillis(TIMEOUT_MILLIS);
    config.setHttpClientCallTimeoutMillis(TIMEOUT_MILLIS);
    return Slack.getInstance(config);
  }

  @Override
  public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
    requireChannel(channel);
    Objects.requireNonNull(message, "message");
    ChatPostMessageResponse response =
        api.call(
            "chat.postMessage",
            channel,
            client ->
                client.chatPostMessage(
                    request ->
                        request
                            .channel(channel)
                            .threadTs(thread == null ? null : thread.ts())
                            .text(message.text())
                            .blocks(SlackBlocks.of(message))));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  @Override
  public MessageRef update(MessageRef message, ChatMessage content) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(content, "content");
    ChatUpdateResponse response =
        api.call(
            "chat.update",
            null,
            client ->
                client.chatUpdate(
                    request ->
                        request
                            .channel(message.channel())
                            .ts(message.ts())
                            .text(content.text())
                            .blocks(SlackBlocks.of(content))));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  @Override
  public MessageRef postEphemeral(
      String channel, String user, MessageRef thread, ChatMessage message) {
    requireChannel(channel);
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("an ephemeral message needs a user, not " + user);
    }
    Objects.requireNonNull(message, "message");
    ChatPostEphemeralResponse response =
        api.call(
            "chat.postEphemeral",
            null,
            client ->
                client.chatPostEphemeral(
                    request ->
                        request
                            .channel(channel)
                            .user(user)
                            .threadTs(thread == null ? null : thread.ts())
                            .text(message.text())
                            .blocks(SlackBlocks.of(message))));
    String where = response.getChannel() != null ? response.getChannel() : channel;
    return new MessageRef(where, response.getMessageTs());
  }

  private static void requireChannel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("a Slack message needs a channel, not " + channel);
    }
  }
}
