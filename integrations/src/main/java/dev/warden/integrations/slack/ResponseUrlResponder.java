package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.SlashCommandResponseSender;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.Responder;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers through the {@code response_url} of a slash command or a button click, with Bolt's
 * senders. The URL is a bearer credential (anyone holding it may post as Warden into that channel
 * for half an hour), so it never appears in a log line or an exception here: a failure is logged
 * with its kind, the HTTP status or the exception's class only, and not thrown, since the person
 * was already acknowledged and the caller can do nothing better.
 */
final class ResponseUrlResponder implements Responder {
  private static final Logger log = LoggerFactory.getLogger(ResponseUrlResponder.class);

  /** What the URL answers: Slack takes the same JSON for both, Bolt has a type for each. */
  enum Kind {
    COMMAND,
    CLICK
  }

  private final Slack slack;
  private final String responseUrl;
  private final Kind kind;

  ResponseUrlResponder(Slack slack, String responseUrl, Kind kind) {
    this.slack = Objects.requireNonNull(slack, "slack");
    this.responseUrl = responseUrl == null || responseUrl.isBlank() ? null : responseUrl;
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public void ephemeral(ChatMessage message) {
    send("ephemeral", message);
  }

  @Override
  public void inChannel(ChatMessage message) {
    send("in_channel", message);
  }

  private void send(String responseType, ChatMessage message) {
    Objects.requireNonNull(message, "message");
    if (responseUrl == null) {
      log.warn("slack response_url absent kind={} response_type={}", kind, responseType);
      return;
    }
    WebhookResponse response;
    try {
      response =
          kind == Kind.COMMAND
              ? new SlashCommandResponseSender(slack)
                  .send(
                      responseUrl,
                      SlashCommandResponse.builder()
                          .responseType(responseType)
                          .text(message.text())
                          .blocks(SlackBlocks.of(message))
                          .build())
              : new ActionResponseSender(slack)
                  .send(
                      responseUrl,
                      // a new message: the one with the button is changed by chat.update
                      ActionResponse.builder()
                          .responseType(responseType)
                          .replaceOriginal(false)
                          .text(message.text())
                          .blocks(SlackBlocks.of(message))
                          .build());
    } catch (IOException | RuntimeException e) {
      log.warn(
          "slack response_url failed kind={} response_type={} error={}",
          kind,
          responseType,
          e.getClass().getSimpleName());
      return;
    }
    Integer status = response.getCode();
    if (status == null || status / 100 != 2) {
      log.warn(
          "slack response_url refused kind={} response_type={} status={}",
          kind,
          responseType,
          status);
    }
  }
}
