package dev.warden.core.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text and replaces each with a placeholder such as {@code
 * [REDACTED:aws-access-key#1]}. Thread-safe and stateless; each call returns its own {@link
 * Redaction}.
 *
 * <p>Two kinds of rules. Secrets with a shape of their own (AWS key ids, GitHub, Slack, OpenAI,
 * Anthropic, Google, Stripe and npm tokens, JWTs, PEM private keys) are found wherever they are.
 * Secrets without one (passwords, generic API keys, the AWS secret key) are found by where they
 * stand: the password of a URL ({@code scheme://user:password@host}), the value of an assignment
 * whose key ends in a secret word ({@code db_password: …}, {@code "api_key": "…"}, {@code
 * _authToken=…}), a {@code mysql -p…} flag, an {@code Authorization} header, and every value under
 * {@code data:} or {@code stringData:} of a Kubernetes {@code kind: Secret}. Values that are
 * clearly not secrets are left alone: references ({@code ${DB_PASSWORD}}, {@code ${{ secrets.X
 * }}}), placeholders ({@code <YOUR_TOKEN>}), truncated examples ({@code sk-proj-...}) and earlier
 * placeholders. Hex digests, UUIDs and base64 outside a Secret are not secrets by shape alone.
 */
public final class Redactor {
  /** An assignment whose key ends in one of these (any case) holds a secret. */
  private static final List<String> SECRET_KEY_ENDINGS =
      List.of(
          "password",
          "passwd",
          "pwd",
          "secret",
          "token",
          "apikey",
          "api_key",
          "api-key",
          "accesskey",
          "access_key",
          "access-key",
          "secretkey",
          "secret_key",
          "secret-key",
          "privatekey",
          "private_key",
          "private-key",
          "auth",
          "credential",
          "credentials");

  private static final List<SecretRule> RULES =
      List.of(
          SecretRule.shaped(
                  "private-key",
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----([\\s\\S]*?)-----END [A-Z0-9 ]*PRIVATE KEY-----",
                  1,
                  "PRIVATE KEY-----")
              .reachingToTheEnd(),
          // a key cut off before its END line (a truncated log, a diff hunk)
          SecretRule.shaped(
                  "private-key",
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----((?:[ \\t]*\\r?\\n[ \\t+-]*[A-Za-z0-9+/=]{16,})+)",
                  1,
                  "PRIVATE KEY-----")
              .reachingToTheEnd(),
          SecretRule.shaped(
              "aws-access-key",
              "\\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16})\\b",
              1,
              "AKIA",
              "ASIA",
              "AGPA",
              "AIDA",
              "AROA",
              "ANPA",
              "ANVA",
              "AIPA",
              "ABIA",
              "ACCA"),
          SecretRule.shaped(
              "github-token",
              "\\b(gh[pousr]_[A-Za-z0-9]{30,255})\\b",
              1,
              "ghp_",
              "gho_",
              "ghu_",
              "ghs_",
              "ghr_"),
          SecretRule.shaped(
              "github-token", "\\b(github_pat_[A-Za-z0-9_]{22,255})\\b", 1, "github_pat_"),
          SecretRule.shaped("slack-token", "\\b(xox[abposre]-[A-Za-z0-9-]{10,})", 1, "xox"),
          SecretRule.shaped("slack-token", "\\b(xapp-\\d-[A-Za-z0-9-]{10,})", 1, "xapp-"),
          SecretRule.shaped(
              "slack-webhook",
              "hooks\\.slack\\.com/(?:services|workflows)/T[A-Z0-9]+/B[A-Z0-9]+/([A-Za-z0-9]{16,})",
              1,
              "hooks.slack.com"),
          SecretRule.shaped(
              "anthropic-key", "\\b(sk-ant-[a-z]+\\d{2}-[A-Za-z0-9_-]{32,})", 1, "sk-ant-"),
          SecretRule.shaped(
              "openai-key", "\\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})", 1, "sk-"),
          SecretRule.shaped("google-api-key", "\\b(AIza[0-9A-Za-z_-]{35})", 1, "AIza"),
          SecretRule.shaped(
              "stripe-key", "\\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,})", 1, "_live_", "_test_"),
          SecretRule.shaped("npm-token", "\\b(npm_[A-Za-z0-9]{36})\\b", 1, "npm_"),
          SecretRule.shaped(
              "jwt",
              "\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})",
              1,
              "eyJ"),
          SecretRule.placed(
              "authorization",
              "(?i)\\bauthorization\\b[\"']?[ \\t]*[:=][ \\t]*[\"']?(?:basic|bearer|token)[ \\t]+"
                  + "([A-Za-z0-9._~+/=-]{8,})",
              1,
              "uthorization",
              "UTHORIZATION"),
          SecretRule.placed(
              "password",
              "\\b(?:mysql|mysqldump|mysqladmin|mariadb)\\b[^\\n]*?[ \\t]-p(['\"]?)([^\\s'\"]{4,})\\1",
              2,
              "mysql",
              "mariadb"),
          SecretRule.placed(
              "password",
              "(?i)--password[ =](['\"]?)([^\\s'\"]{4,})\\1",
              2,
              "--password",
              "--PASSWORD"));

  /** Values that stand for a secret without being one. */
  private static final Pattern NOT_A_SECRET =
      Pattern.compile(
          "(?i)^(?:\\$\\{.*|\\$\\(.*|\\$[A-Z_][A-Z0-9_]*|\\{\\{.*|<.*>|%\\(.*|\\[REDACTED.*"
              + "|.*\\.\\.\\..*|.*….*|\\*+|x{3,}|true|false|null|none|nil|yes|no|required|optional"
              + "|[0-9]{1,6}|\\|[-+]?|>[-+]?)$");

  private static final Pattern SECRET_KIND =
      Pattern.compile("(?m)^[ \\t+-]*kind:[ \\t]*[\"']?Secret[\"']?[ \\t]*$");

  private static final Pattern SECRET_DATA =
      Pattern.compile("^([ \\t+-]*)(data|stringData):[ \\t]*$");

  private static final Pattern SECRET_ENTRY =
      Pattern.compile(
          "^(?<indent>[ \\t+-]*)[\"']?(?<key>[A-Za-z0-9_.-]+)[\"']?:[ \\t]*"
              + "(?<quote>[\"']?)(?<value>.*?)\\k<quote>[ \\t]*$");

  /** Keys of a Secret's data that name who or where, not a credential. */
  private static final Pattern NOT_SECRET_KEY =
      Pattern.compile("(?i).*(?:user|username|login|email|host|hostname|port)$");

  private final List<SecretRule> rules;

  private Redactor(List<SecretRule> rules) {
    this.rules = rules;
  }

  /** The built-in rules. */
  public static Redactor standard() {
    return new Redactor(RULES);
  }

  /** Redacts {@code text}. */
  public Redaction redact(String text) {
    List<Span> spans = new ArrayList<>();
    for (SecretRule rule : rules) {
      find(rule, text, spans);
    }
    urlPasswords(text, spans);
    assignments(text, spans);
    kubernetesSecretData(text, spans);
    return replace(text, spans);
  }

  /** How far before an anchor a match may start. */
  private static final int BEFORE_ANCHOR = 64;

  /**
   * The matches of one rule, looked for only around the occurrences of its anchors: on a large log
   * without secrets this costs one {@code indexOf} per anchor instead of a regular expression tried
   * at every position.
   */
  private static void find(SecretRule rule, String text, List<Span> spans) {
    Matcher matcher = null;
    int length = text.length();
    for (String anchor : rule.anchors()) {
      int searchedUntil = -1;
      for (int at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
        if (at < searchedUntil) {
          continue;
        }
        int from = Math.max(0, at - BEFORE_ANCHOR);
        int to = (int) Math.min(length, (long) at + rule.reach());
        if (matcher == null) {
          matcher = rule.pattern().matcher(text);
          matcher.useTransparentBounds(true).useAnchoringBounds(false);
        }
        matcher.region(from, to);
        while (matcher.find()) {
          int start = matcher.start(rule.group());
          int end = matcher.end(rule.group());
          if (start < 0 || end <= start) {
            continue;
          }
          if (rule.certainty() != Certainty.SHAPED
              && NOT_A_SECRET.matcher(text.substring(start, end)).matches()) {
            continue;
          }
          spans.add(new Span(start, end, rule.name(), rule.certainty()));
        }
        searchedUntil = to;
      }
    }
  }

  /**
   * The password of every URL with user information: {@code scheme://user:password@host}. A scan
   * from each {@code ://} rather than a regular expression, which would try every position.
   */
  private static void urlPasswords(String text, List<Span> spans) {
    for (int scheme = text.indexOf("://"); scheme >= 0; scheme = text.indexOf("://", scheme + 3)) {
      int start = scheme + 3;
      int end = start;
      int at = -1;
      while (end < text.length()) {
        char c = text.charAt(end);
        if (c == '/'
            || c == '?'
            || c == '#'
            || c == '"'
            || c == '\''
            || Character.isWhitespace(c)) {
          break;
        }
        if (c == '@') {
          at = end;
        }
        end++;
      }
      if (at < 0) {
        continue;
      }
      int colon = text.indexOf(':', start);
      if (colon >= 0 && colon < at - 1) {
        spans.add(new Span(colon + 1, at, "url-password", Certainty.PLACED));
      }
    }
  }

  /**
   * The value of every assignment ({@code key: value}, {@code key=value}, {@code "key": "value"},
   * {@code key := value}, {@code key => value}) whose key ends in a secret word. A scan over the
   * separators rather than a regular expression, for speed on large logs.
   */
  private static void assignments(String text, List<Span> spans) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c != ':' && c != '=') {
        continue;
      }
      int valueStart = i + 1;
      if (c == ':' && text.startsWith("//", valueStart)) {
        continue; // a URL's scheme
      }
      if (c == '=' && valueStart < length && text.charAt(valueStart) == '=') {
        i++;
        continue; // a comparison
      }
      if (valueStart < length
          && (text.charAt(valueStart) == '=' || text.charAt(valueStart) == '>')) {
        valueStart++; // := and =>
      }
      int keyEnd = i;
      while (keyEnd > 0 && (text.charAt(keyEnd - 1) == ' ' || text.charAt(keyEnd - 1) == '\t')) {
        keyEnd--;
      }
      if (keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'')) {
        keyEnd--;
      }
      int keyStart = keyEnd;
      while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == keyEnd || !endsInSecretWord(text, keyStart, keyEnd)) {
        continue;
      }
      while (valueStart < length
          && (text.charAt(valueStart) == ' ' || text.charAt(valueStart) == '\t')) {
        valueStart++;
      }
      char quote = valueStart < length ? text.charAt(valueStart) : 0;
      int valueEnd;
      if (quote == '"' || quote == '\'') {
        valueStart++;
        valueEnd = valueStart;
        while (valueEnd < length
            && text.charAt(valueEnd) != quote
            && text.charAt(valueEnd) != '\n') {
          valueEnd++;
        }
      } else {
        valueEnd = valueStart;
        while (valueEnd < length && !endsValue(text.charAt(valueEnd))) {
          valueEnd++;
        }
      }
      if (valueEnd - valueStart >= 3
          && !NOT_A_SECRET.matcher(text.substring(valueStart, valueEnd)).matches()) {
        spans.add(new Span(valueStart, valueEnd, "secret", Certainty.GUESSED));
      }
    }
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static boolean endsValue(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&';
  }

  /** The last letters of the secret words, lower case: most keys are rejected on this alone. */
  private static final boolean[] LAST_LETTERS = new boolean[128];

  static {
    for (String ending : SECRET_KEY_ENDINGS) {
      char last = ending.charAt(ending.length() - 1);
      LAST_LETTERS[last] = true;
      LAST_LETTERS[Character.toUpperCase(last)] = true;
    }
  }

  private static boolean endsInSecretWord(String text, int keyStart, int keyEnd) {
    char last = text.charAt(keyEnd - 1);
    if (last >= 128 || !LAST_LETTERS[last]) {
      return false;
    }
    int keyLength = keyEnd - keyStart;
    for (String ending : SECRET_KEY_ENDINGS) {
      if (keyLength >= ending.length()
          && text.regionMatches(true, keyEnd - ending.length(), ending, 0, ending.length())) {
        return true;
      }
    }
    return false;
  }

  /** Every value under data: or stringData: of a manifest of kind Secret. */
  private static void kubernetesSecretData(String text, List<Span> spans) {
    if (!text.contains("Secret") || !SECRET_KIND.matcher(text).find()) {
      return;
    }
    int offset = 0;
    int dataIndent = -1;
    for (String line : text.split("\n", -1)) {
      Matcher data = SECRET_DATA.matcher(line);
      if (data.matches()) {
        dataIndent = data.group(1).length();
      } else if (dataIndent >= 0) {
        Matcher entry = SECRET_ENTRY.matcher(line);
        if (entry.matches() && entry.group("indent").length() > dataIndent) {
          String value = entry.group("value");
          if (!value.isEmpty()
              && !NOT_A_SECRET.matcher(value).matches()
              && !NOT_SECRET_KEY.matcher(entry.group("key")).matches()) {
            spans.add(
                new Span(
                    offset + entry.start("value"),
                    offset + entry.end("value"),
                    "kubernetes-secret",
                    Certainty.PLACED));
          }
        } else if (!line.isBlank()) {
          dataIndent = -1;
        }
      }
      offset += line.length() + 1;
    }
  }

  /** A secret found: where, by which rule, and how exactly its bounds are known. */
  private record Span(int start, int end, String rule, Certainty certainty) {
    boolean overlaps(Span other) {
      return start < other.end && other.start < end;
    }
  }

  /**
   * Replaces the spans. Of overlapping spans the surest wins, then the earlier, then the longer: an
   * assignment's guessed value must not swallow the URL around a token.
   */
  private static Redaction replace(String text, List<Span> found) {
    found.sort(
        Comparator.comparing(Span::certainty)
            .thenComparingInt(Span::start)
            .thenComparing(span -> -span.end()));
    List<Span> spans = new ArrayList<>();
    for (Span candidate : found) {
      if (spans.stream().noneMatch(candidate::overlaps)) {
        spans.add(candidate);
      }
    }
    spans.sort(Comparator.comparingInt(Span::start));
    StringBuilder out = new StringBuilder(text.length());
    Map<String, String> placeholders = new HashMap<>();
    Map<String, String> originals = new LinkedHashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    int at = 0;
    for (Span span : spans) {
      String secret = text.substring(span.start(), span.end());
      String placeholder =
          placeholders.computeIfAbsent(
              secret,
              value -> {
                int n = counters.merge(span.rule(), 1, Integer::sum);
                String made = "[REDACTED:" + span.rule() + "#" + n + "]";
                originals.put(made, value);
                return made;
              });
      out.append(text, at, span.start()).append(placeholder);
      at = span.end();
    }
    out.append(text, at, text.length());
    return new Redaction(out.toString(), originals);
  }
}
