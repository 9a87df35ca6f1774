package dev.warden.core.chat.command;

import java.util.List;
import java.util.regex.Pattern;

/** What the commands accept as arguments, checked before anything is looked up or run. */
final class Arguments {
  /** A namespace: an RFC 1123 label. */
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** A pod name: an RFC 1123 subdomain. */
  private static final Pattern POD =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** The longest pod name Kubernetes allows. */
  private static final int POD_MAX = 253;

  /** The gate's approval request ids: random UUIDs as {@link java.util.UUID} writes them. */
  private static final Pattern REQUEST_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A runbook name, as the runbook files name them. */
  private static final Pattern RUNBOOK = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /** A Prometheus label name; also the annotation names a runbook reads. */
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");

  /** The longest label value accepted. */
  static final int VALUE_MAX = 256;

  /** The longest reason kept (a denial's, a freeze's). */
  static final int REASON_MAX = 200;

  private Arguments() {}

  static boolean namespace(String value) {
    return NAMESPACE.matcher(value).matches();
  }

  static boolean pod(String value) {
    return value.length() <= POD_MAX && POD.matcher(value).matches();
  }

  static boolean requestId(String value) {
    return REQUEST_ID.matcher(value).matches();
  }

  static boolean runbook(String value) {
    return RUNBOOK.matcher(value).matches();
  }

  static boolean label(String value) {
    return LABEL.matcher(value).matches();
  }

  /** Whether a label value is printable text of a sensible length. */
  static boolean value(String value) {
    return !value.isEmpty()
        && value.length() <= VALUE_MAX
        && value.chars().noneMatch(Character::isISOControl);
  }

  /** The words as one reason, on one line, cut to {@value #REASON_MAX} characters. */
  static String reason(List<String> words) {
    String reason = String.join(" ", words).replaceAll("\\s+", " ").strip();
    return Markup.shorten(reason, REASON_MAX);
  }
}
