package dev.warden.core.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What Warden knows of a model besides its name: the size of its context window and its price.
 *
 * @param contextTokens the context window, prompt and answer together
 * @param inputPerMillion USD per million prompt tokens
 * @param outputPerMillion USD per million completion tokens
 */
public record ModelPrice(
    int contextTokens, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** What a model without an entry in the price table is taken to be: small, and free. */
  public static final ModelPrice UNKNOWN = new ModelPrice(8_192, BigDecimal.ZERO, BigDecimal.ZERO);

  public ModelPrice {
    if (contextTokens <= 0) {
      throw new IllegalArgumentException("a context window has a positive number of tokens");
    }
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
      throw new IllegalArgumentException("a price is not negative");
    }
  }

  /** The cost of one call in USD, to the millionth of a dollar (rounded up). */
  public BigDecimal cost(long tokensIn, long tokensOut) {
    return inputPerMillion
        .multiply(BigDecimal.valueOf(tokensIn))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(tokensOut)))
        .divide(MILLION, 6, RoundingMode.UP);
  }
}
