package dev.warden.integrations.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Mention;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.Responder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warden's handlers on a Bolt {@link App}, the same in HTTP mode ({@link SlackEvents}) and Socket
 * Mode ({@link SlackSocketMode}): Slack's payloads become the core's {@link CommandRequest}, {@link
 * ButtonClick} and {@link Mention} and go to {@link ChatInteractions}.
 *
 * <ul>
 *   <li>A slash command is answered within the request: the core's message is the ephemeral
 *       acknowledgement; anything slower answers later through the command's {@code response_url}.
 *   <li>A click and a mention are acknowledged at once and handed to a small bounded pool, never
 *       run on Bolt's request thread. When the pool is full, the clicking person is told to try
 *       again (through the {@code response_url}) and a mention is dropped, both logged.
 *   <li>An event Slack sends again (it retries when an acknowledgement is late) is acknowledged and
 *       not handled twice: events are remembered by {@code event_id} for an hour.
 * </ul>
 *
 * Log lines name the command, the action id, the user and the channel; never the typed text, the
 * button's value or the {@code response_url}.
 */
final class SlackHandlers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);

  /** Threads that run clicks and mentions. */
  static final int THREADS = 4;

  /** Clicks and mentions that may wait for a thread; more are turned away. */
  static final int QUEUE = 64;

  /** What a person sees when their click finds the pool full. */
  static final ChatMessage BUSY =
      ChatMessage.text("Warden is busy right now; please try again in a moment.");

  /** What a person sees when their command failed inside Warden. */
  static final ChatMessage FAILED =
      ChatMessage.text("Warden could not answer that; the error is in Warden's log.");

  private static final Pattern ANY = Pattern.compile(".*");

  // "<@U05DEVOPSBT> status", or "<@U05DEVOPSBT|warden> status" from older clients
  private static final Pattern LEADING_MENTION =
      Pattern.compile("^\\s*<@[A-Z0-9]+(?:\\|[^>]*)?>\\s*");

  private final ChatInteractions interactions;
  private final Slack slack;
  private final ThreadPoolExecutor pool;
  private final Cache<String, Boolean> seenEvents =
      Caffeine.newBuilder()
          .expireAfterWrite(Duration.ofHours(1))
          .maximumSize(10_000)
          .executor(Runnable::run)
          .build();

  /**
   * @param slack the client that posts to {@code response_url}s
   * @param threads threads for clicks and mentions
   * @param queue clicks and mentions that may wait for a thread, at least 1
   */
  SlackHandlers(ChatInteractions interactions, Slack slack, int threads, int queue) {
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.slack = Objects.requireNonNull(slack, "slack");
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queue),
            daemonThreads(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  SlackHandlers(ChatInteractions interactions, Slack slack) {
    this(interactions, slack, THREADS, QUEUE);
  }

  /** Registers the handlers for commands, clicks and mentions on {@code app}. */
  void registerOn(App app) {
    app.command(ANY, (request, context) -> command(request.getPayload(), context));
    app.blockAction(ANY, (request, context) -> clicked(request.getPayload(), context));
    app.event(AppMentionEvent.class, this::mentioned);
  }

  private Response command(SlashCommandPayload payload, SlashCommandContext context) {
    log.info(
        "slack command={} user={} channel={}",
        payload.getCommand(),
        payload.getUserId(),
        payload.getChannelId());
    CommandRequest request =
        new CommandRequest(
            payload.getCommand(), payload.getText(), payload.getUserId(), payload.getChannelId());
    Responder later =
        new ResponseUrlResponder(
            slack, payload.getResponseUrl(), ResponseUrlResponder.Kind.COMMAND);
    ChatMessage answer;
    try {
      answer = interactions.command(request, later);
    } catch (RuntimeException e) {
      log.error(
          "slack command failed command={} user={} error={}",
          payload.getCommand(),
          payload.getUserId(),
          e.getClass().getSimpleName(),
          e);
      answer = FAILED;
    }
    ChatMessage reply = answer != null ? answer : FAILED;
    return context.ack(
        ack -> ack.responseType("ephemeral").text(reply.text()).blocks(SlackBlocks.of(reply)));
  }

  private Response clicked(BlockActionPayload payload, ActionContext context) {
    String userId = payload.getUser() == null ? null : payload.getUser().getId();
    List<BlockActionPayload.Action> actions = payload.getActions();
    if (userId == null || actions == null || actions.isEmpty()) {
      return context.ack();
    }
    String channelId = channelOf(payload);
    Optional<MessageRef> message = messageOf(payload, channelId);
    Responder later =
        new ResponseUrlResponder(slack, payload.getResponseUrl(), ResponseUrlResponder.Kind.CLICK);
    for (BlockActionPayload.Action action : actions) {
      if (action.getActionId() == null) {
        continue;
      }
      ButtonClick click =
          new ButtonClick(action.getActionId(), action.getValue(), userId, channelId, message);
      log.info("slack click action_id={} user={} channel={}", click.actionId(), userId, channelId);
      try {
        pool.execute(
            () -> run("click", click.actionId(), () -> interactions.clicked(click, later)));
      } catch (RejectedExecutionException full) {
        log.warn(
            "slack click turned away action_id={} user={} reason=busy", click.actionId(), userId);
        later.ephemeral(BUSY);
      }
    }
    return context.ack();
  }

  private Response mentioned(EventsApiPayload<AppMentionEvent> payload, EventContext context) {
    AppMentionEvent event = payload.getEvent();
    if (event == null || event.getUser() == null || event.getChannel() == null) {
      return context.ack();
    }
    if (payload.getEventId() != null
        && seenEvents.asMap().putIfAbsent(payload.getEventId(), Boolean.TRUE) != null) {
      log.info("slack event=app_mention event_id={} duplicate=true", payload.getEventId());
      return context.ack();
    }
    MessageRef message = new MessageRef(event.getChannel(), event.getTs());
    Optional<MessageRef> thread =
        event.getThreadTs() == null || event.getThreadTs().isBlank()
            ? Optional.empty()
            : Optional.of(new MessageRef(event.getChannel(), event.getThreadTs()));
    Mention mention =
        new Mention(
            event.getUser(), event.getChannel(), withoutMention(event.getText()), message, thread);
    log.info(
        "slack event=app_mention event_id={} user={} channel={}",
        payload.getEventId(),
        mention.userId(),
        mention.channelId());
    try {
      pool.execute(() -> run("mention", "app_mention", () -> interactions.mentioned(mention)));
    } catch (RejectedExecutionException full) {
      log.warn(
          "slack event=app_mention dropped user={} channel={} reason=busy",
          mention.userId(),
          mention.channelId());
    }
    return context.ack();
  }

  /** The text without the leading {@code <@BOT>} that made it a mention. */
  static String withoutMention(String text) {
    return text == null ? "" : LEADING_MENTION.matcher(text).replaceFirst("").strip();
  }

  private static String channelOf(BlockActionPayload payload) {
    if (payload.getChannel() != null && payload.getChannel().getId() != null) {
      return payload.getChannel().getId();
    }
    return payload.getContainer() == null ? null : payload.getContainer().getChannelId();
  }

  private static Optional<MessageRef> messageOf(BlockActionPayload payload, String channelId) {
    String ts = null;
    if (payload.getContainer() != null && payload.getContainer().getMessageTs() != null) {
      ts = payload.getContainer().getMessageTs();
    } else if (payload.getMessage() != null) {
      ts = payload.getMessage().getTs();
    }
    if (ts == null || ts.isBlank() || channelId == null || channelId.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new MessageRef(channelId, ts));
  }

  private static void run(String kind, String name, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("slack {} failed name={} error={}", kind, name, e.getClass().getSimpleName(), e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "slack-interactions-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops taking work; what already runs may finish within a few seconds. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
