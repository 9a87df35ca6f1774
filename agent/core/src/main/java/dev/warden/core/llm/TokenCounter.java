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

  /**
   * An upper bound of the tokens of {@code text} under any byte-level tokenizer, without
   * tokenizing: its length in UTF-8 bytes (a token is at least one byte). When the bound fits, the
   * exact count is not needed.
   */
  public static int upperBound(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** A quick estimate of the tokens of {@code text} (four characters a token), for rate limits. */
  public static int estimate(String text) {
    return (text.length() + 3) / 4;
  }
}
