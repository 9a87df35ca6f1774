package dev.warden.core.llm;

/**
 * Receives a model's answer as it is written, so a person sees it grow (a Slack message updated in
 * place, a terminal). The gateway calls it from the calling thread only.
 */
public interface TokenSink {

  /**
   * A piece of the answer.
   *
   * @return {@code false} to stop the model here: the answer is what arrived so far
   */
  boolean onToken(String token);

  /**
   * What arrived since the last discard is void: the attempt failed and another model or attempt,
   * or the deterministic answer, follows.
   */
  default void onDiscard(String reason) {}

  /** A sink for callers that only want the finished answer. */
  static TokenSink none() {
    return token -> true;
  }
}
