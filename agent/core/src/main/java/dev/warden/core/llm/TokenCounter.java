package dev.warden.core.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens before anything is sent, with OpenAI's {@code o200k_base} encoding (jtokkit). For
 * other providers' models it is an estimate; {@link ContextFitter} keeps a margin for that, and the
 * ledger bills the provider's own counts when the answer reports them. Thread-safe.
 */
public final class TokenCounter {
  private static final TokenCounter STANDARD =
      new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** The counter the gateway and the log summariser share. */
  public static TokenCounter standard() {
    return STANDARD;
  }

  /**
   * The number of tokens of {@code text}. Special tokens such as {@code <|endoftext|>} in untrusted
   * text count as ordinary text, as the provider will see them.
   */
  public int count(String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
