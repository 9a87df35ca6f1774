package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Glob}'s fast paths agree with a regular expression built from the same pattern. */
class GlobOracleTest {
  @Property(tries = 3000)
  void agreesWithARegularExpression(
      @ForAll("patterns") String pattern, @ForAll("texts") String text) {
    Pattern regex =
        Pattern.compile(
            pattern
                .chars()
                .mapToObj(
                    c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                .reduce("", String::concat),
            Pattern.DOTALL);
    assertThat(Glob.of(pattern).matches(text))
        .as("'%s' against '%s'", pattern, text)
        .isEqualTo(regex.matcher(text).matches());
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars("ab.*?").ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab.").ofMaxLength(10);
  }
}
