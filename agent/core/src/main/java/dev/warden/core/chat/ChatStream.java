package dev.warden.core.chat;

import dev.warden.core.llm.TokenSink;
import dev.warden.core.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a model's answer growing in one chat message: the message is posted on the first token (or
 * an existing one is taken over), then updated with the text so far at most once per {@code
 * interval} (one second by default, what Slack allows per message), the tokens in between
 * coalesced; {@link #finish} replaces the partial text with the final one, always, even within the
 * interval. Every text sent passes the redactor first.
 *
 * <p>The model's thread only appends to a buffer and, when an update is due, hands it to the
 * {@linkplain Builder#executor executor}; the surface calls run there one at a time. Given a pool,
 * a slow chat service (a rate-limited update waiting for {@code Retry-After}) never holds up the
 * model's stream, whose attempt timeout runs by the wall clock; while an update is in flight the
 * tokens only accumulate. An update that fails is logged and skipped; the next one, or the final
 * text, carries the text on. Partial texts are cut after their last whitespace, so a word still
 * being written (a secret the redactor would only recognise whole) is never shown half.
 *
 * <p>{@link #onToken} and {@link #onDiscard} are called from one thread (the gateway's caller), as
 * is {@link #finish}, after the answer is complete.
 */
public final class ChatStream implements TokenSink {
  private static final Logger log = LoggerFactory.getLogger(ChatStream.class);
  private static final long NEVER = Long.MIN_VALUE;

  private final ChatSurface surface;
  private final String channel;
  private final MessageRef thread;
  private final Duration interval;
  private final Clock clock;
  private final Executor executor;
  private final Redactor redactor;
  private final UnaryOperator<String> partial;

  /** Held for every call to the surface: updates never overtake each other or the final text. */
  private final ReentrantLock sending = new ReentrantLock();

  // guarded by this
  private final StringBuilder text = new StringBuilder();
  private long lastSentAt = NEVER;
  private boolean scheduled;
  private boolean finished;

  // guarded by sending
  private MessageRef message;
  private String lastShown;

  private ChatStream(Builder builder) {
    this.surface = builder.surface;
    this.channel = builder.channel;
    this.thread = builder.thread;
    this.message = builder.message;
    this.interval = builder.interval;
    this.clock = builder.clock;
    this.executor = builder.executor;
    this.redactor = builder.redactor;
    this.partial = builder.partial;
  }

  /**
   * A stream into a new message in {@code channel}, or in {@code thread} when it is given, posted
   * on the first token.
   */
  public static Builder posting(ChatSurface surface, String channel, MessageRef thread) {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("a chat stream needs a channel, not " + channel);
    }
    return new Builder(surface, channel, thread, null);
  }

  /**
   * A stream into {@code message}, a message Warden posted earlier, updated from the first token.
   */
  public static Builder updating(ChatSurface surface, MessageRef message) {
    Objects.requireNonNull(message, "message");
    return new Builder(surface, message.channel(), null, message);
  }

  /**
   * Adds a piece of the answer; shows the text so far when the last update is at least the interval
   * ago. Never blocks on the chat service.
   *
   * @return {@code false} once the stream is finished
   */
  @Override
  public boolean onToken(String token) {
    boolean flush;
    synchronized (this) {
      if (finished) {
        return false;
      }
      if (token == null || token.isEmpty()) {
        return true;
      }
      text.append(token);
      flush = !scheduled && due();
      scheduled |= flush;
    }
    if (flush) {
      schedule();
    }
    return true;
  }

  /** Forgets the text so far: the next update shows only what arrives after this. */
  @Override
  public void onDiscard(String reason) {
    synchronized (this) {
      text.setLength(0);
    }
  }

  /**
   * Replaces the partial text with {@code finalText} (redacted), at once: it is posted when nothing
   * was shown yet. Waits for an update in flight; no partial text is sent after it.
   *
   * @return the message
   * @throws ChatException when the chat service refuses the final text
   */
  public MessageRef finish(String finalText) {
    if (finalText == null || finalText.isBlank()) {
      throw new IllegalArgumentException("the final text of a chat stream must not be blank");
    }
    sending.lock();
    try {
      synchronized (this) {
        finished = true;
      }
      return send(finalText);
    } finally {
      sending.unlock();
    }
  }

  /** Whether an update is due now: nothing was sent yet, or the last send is an interval ago. */
  private boolean due() {
    return lastSentAt == NEVER || clock.millis() - lastSentAt >= interval.toMillis();
  }

  private void schedule() {
    try {
      executor.execute(this::flush);
    } catch (RejectedExecutionException e) {
      // the next due token, or the final text, shows what this one would have
      synchronized (this) {
        scheduled = false;
      }
    }
  }

  /** Sends the text so far, unless the stream is finished or nothing changed. */
  private void flush() {
    sending.lock();
    try {
      String shown;
      synchronized (this) {
        if (finished || !due()) {
          return;
        }
        shown = partial.apply(wholeWords(text));
        if (shown.equals(lastShown)) {
          return;
        }
        lastSentAt = clock.millis();
      }
      try {
        send(shown);
        lastShown = shown;
      } catch (ChatException e) {
        log.warn("chat stream update failed method={} error={}", e.method(), e.error());
      } catch (RuntimeException e) {
        // never the model's problem: the final text still replaces whatever is shown
        log.warn("chat stream update failed error={}", e.getClass().getSimpleName());
      }
    } finally {
      synchronized (this) {
        scheduled = false;
      }
      sending.unlock();
    }
  }

  /** Posts or updates the message; called with {@link #sending} held. */
  private MessageRef send(String shown) {
    ChatMessage content = ChatMessage.text(redactor.redact(shown).text());
    MessageRef current = message;
    message =
        current == null ? surface.post(channel, thread, content) : surface.update(current, content);
    return message;
  }

  /** The text up to its last whitespace: the words that are complete. */
  private static String wholeWords(CharSequence text) {
    for (int i = text.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return text.subSequence(0, i).toString().stripTrailing();
      }
    }
    return "";
  }

  /** Configures a stream. */
  public static final class Builder {
    private final ChatSurface surface;
    private final String channel;
    private final MessageRef thread;
    private final MessageRef message;
    private Duration interval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private Executor executor = Runnable::run;
    private Redactor redactor = Redactor.standard();
    private UnaryOperator<String> partial = text -> text.isEmpty() ? "…" : text + " …";

    private Builder(ChatSurface surface, String channel, MessageRef thread, MessageRef message) {
      this.surface = Objects.requireNonNull(surface, "surface");
      this.channel = channel;
      this.thread = thread;
      this.message = message;
    }

    /** The least time between two updates of the message (default one second). */
    public Builder interval(Duration interval) {
      if (interval == null || interval.isNegative()) {
        throw new IllegalArgumentException("interval must be zero or more, not " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** The clock that times the updates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the updates run. The default runs them on the model's thread, which then waits for each
     * update; give a pool (or a virtual-thread executor) so that it never does.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public Builder redactor(Redactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /**
     * How the text so far is shown while the answer is written: given the complete words so far
     * (possibly empty), it returns the message text; it must escape what the surface's markup would
     * read. The default adds an ellipsis. The final text is sent as given to {@link #finish}.
     */
    public Builder partial(UnaryOperator<String> partial) {
      this.partial = Objects.requireNonNull(partial, "partial");
      return this;
    }

    public ChatStream build() {
      return new ChatStream(this);
    }
  }
}
