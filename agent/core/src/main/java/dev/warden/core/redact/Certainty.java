package dev.warden.core.redact;

/**
 * How exactly a finding bounds its secret, most certain first. Of overlapping findings the more
 * certain wins: an assignment's guessed value must not swallow the URL around a token.
 */
enum Certainty {
  /** The secret has a shape of its own: the match is the secret. */
  SHAPED,
  /** The secret stands in a place that bounds it exactly (a URL's password, a header). */
  PLACED,
  /** The value of an assignment, bounded by a guess at where it ends. */
  GUESSED
}
