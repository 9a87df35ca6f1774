package dev.warden.core.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits untrusted content into what is left of a model's context after the instructions and the
 * answer, by priority: the most important content is kept whole first; what does not fit is cut at
 * line boundaries from the end the content says to keep, or left out whole, and every cut is said,
 * to the model next to the content and to the caller in {@link Fitted#leftOut()}. The middle of a
 * text is never silently dropped.
 */
final class ContextFitter {
  /** Tokens of the fence lines and the omission note around each piece of content. */
  private static final int FRAMING_TOKENS = 40;

  private final TokenCounter counter;

  ContextFitter(TokenCounter counter) {
    this.counter = counter;
  }

  /**
   * The fenced content, in the order given, within what {@code contextTokens} leaves after {@code
   * system} and {@code reserved} tokens for the answer. Tokens are only counted when the content
   * might not fit: the common case, content well within the context, costs no tokenizing.
   */
  Fitted fit(String system, List<Untrusted> parts, int contextTokens, int reserved) {
    int bound = TokenCounter.upperBound(system) + reserved;
    int characters = system.length();
    for (Untrusted part : parts) {
      bound += TokenCounter.upperBound(part.text()) + FRAMING_TOKENS;
      characters += part.text().length() + 4 * FRAMING_TOKENS;
    }
    if (bound <= contextTokens) {
      StringBuilder message = new StringBuilder();
      for (Untrusted part : parts) {
        message.append(Fence.wrap(part, part.text(), "")).append('\n');
      }
      return new Fitted(message.toString(), List.of(), (characters + 3) / 4);
    }
    int systemTokens = counter.count(system);
    Fitted fitted = fit(parts, Math.max(0, contextTokens - systemTokens - reserved));
    return new Fitted(fitted.message(), fitted.leftOut(), systemTokens + fitted.tokens());
  }

  /** The fenced content, in the order given, within {@code budget} tokens, counted exactly. */
  Fitted fit(List<Untrusted> parts, int budget) {
    String[] fenced = new String[parts.size()];
    List<String> leftOut = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> -parts.get(i).priority()));
    int remaining = budget;
    int used = 0;
    for (int index : order) {
      Untrusted part = parts.get(index);
      int tokens = counter.count(part.text()) + FRAMING_TOKENS;
      if (tokens <= remaining) {
        fenced[index] = Fence.wrap(part, part.text(), "");
        remaining -= tokens;
        used += tokens;
        continue;
      }
      if (part.keep() == Untrusted.Keep.WHOLE || remaining <= FRAMING_TOKENS) {
        leftOut.add(part.label() + " (" + (tokens - FRAMING_TOKENS) + " tokens) did not fit");
        continue;
      }
      Cut cut = cut(part, remaining - FRAMING_TOKENS);
      if (cut.kept() == 0) {
        leftOut.add(part.label() + " (" + (tokens - FRAMING_TOKENS) + " tokens) did not fit");
        continue;
      }
      String omission = cut.describe(part);
      fenced[index] = Fence.wrap(part, cut.text(), omission);
      leftOut.add(omission);
      remaining -= cut.tokens() + FRAMING_TOKENS;
      used += cut.tokens() + FRAMING_TOKENS;
    }
    StringBuilder message = new StringBuilder();
    for (String block : fenced) {
      if (block != null) {
        message.append(block).append('\n');
      }
    }
    return new Fitted(message.toString(), List.copyOf(leftOut), used);
  }

  private Cut cut(Untrusted part, int budget) {
    String[] lines = part.text().split("\n", -1);
    int total = lines.length;
    int tokens = 0;
    int kept = 0;
    boolean head = part.keep() == Untrusted.Keep.HEAD;
    for (int k = 0; k < total; k++) {
      String line = lines[head ? k : total - 1 - k];
      int cost = counter.count(line) + 1;
      if (tokens + cost > budget) {
        break;
      }
      tokens += cost;
      kept++;
    }
    StringBuilder text = new StringBuilder();
    int from = head ? 0 : total - kept;
    for (int k = from; k < from + kept; k++) {
      text.append(lines[k]);
      if (k < from + kept - 1) {
        text.append('\n');
      }
    }
    return new Cut(text.toString(), kept, total, head, tokens);
  }

  private record Cut(String text, int kept, int total, boolean head, int tokens) {
    String describe(Untrusted part) {
      int firstLeftOut = head ? kept + 1 : 1;
      int lastLeftOut = head ? total : total - kept;
      return "lines "
          + firstLeftOut
          + "-"
          + lastLeftOut
          + " of "
          + total
          + " of "
          + part.label()
          + " left out to fit the context; "
          + (head ? "the first " : "the last ")
          + kept
          + " are here";
    }
  }

  /**
   * @param message the fenced content, ready to be the user message
   * @param leftOut what was cut or dropped, one sentence each
   * @param tokens the tokens of the prompt, framing included: counted when the content had to be
   *     fitted, else estimated (four characters a token) since it fits anyway
   */
  record Fitted(String message, List<String> leftOut, int tokens) {}
}
