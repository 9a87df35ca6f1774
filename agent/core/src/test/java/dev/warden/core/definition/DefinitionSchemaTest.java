package dev.warden.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionSchemaTest {
  private static final DefinitionSchema SCHEMA =
      DefinitionSchema.load(DefinitionSchemaTest.class, "example.schema.json");

  private static List<String> validate(String text) {
    Problems problems = new Problems();
    YamlDocument document = YamlDocument.parse("e.yaml", text, problems).orElseThrow();
    problems.addAll(SCHEMA.validate(document));
    return problems.sorted().stream().map(Problem::toString).toList();
  }

  @Test
  void acceptsAValidDocument() {
    assertThat(
            validate(
                """
                owner: "@me"
                steps:
                  - name: look
                    kind: check
                    timeout: 30s
                    tags: [a, b]
                """))
        .isEmpty();
  }

  @Test
  void pointsAtTheValueThatIsNotOneOfTheAllowedOnes() {
    assertThat(
            validate(
                """
                steps:
                  - name: look
                    kind:  maybe
                """))
        .containsExactly("e.yaml:3:12: steps[0].kind: must be one of check, act");
  }

  @Test
  void pointsAtTheKeyOfAnUnknownPropertyAndSuggestsTheNearestKnownOne() {
    assertThat(
            validate(
                """
                steps:
                  - name: look
                    kind: check
                    retires: 2
                    colour: red
                ownr: "@me"
                """))
        .containsExactly(
            "e.yaml:4:5: steps[0]: unknown property 'retires'; did you mean 'retries'?",
            "e.yaml:5:5: steps[0]: unknown property 'colour';"
                + " expected one of name, kind, retries, timeout, tags, labels",
            "e.yaml:6:1: unknown property 'ownr'; did you mean 'owner'?");
  }

  @Test
  void pointsAtTheMappingThatLacksARequiredProperty() {
    assertThat(
            validate(
                """
                steps:
                  - name: look
                  - {kind: act}
                """))
        .containsExactly(
            "e.yaml:2:5: steps[0]: missing required property 'kind'",
            "e.yaml:3:5: steps[1]: missing required property 'name'");
  }

  @Test
  void reportsEveryViolationAtOnceWithReadableMessages() {
    assertThat(
            validate(
                """
                owner: me
                steps:
                  - name: Look
                    kind: check
                    retries: 9
                    tags: [a, b, a]
                    labels:
                      app.kubernetes.io/name: 5
                  - name: act
                    kind: act
                    retries: "2"
                steps2: []
                """))
        .containsExactly(
            "e.yaml:1:8: owner: 'me' does not match ^@",
            "e.yaml:3:11: steps[0].name: 'Look' is not a name: use lower-case letters",
            "e.yaml:5:14: steps[0].retries: must be at most 5, not 9",
            "e.yaml:6:18: steps[0].tags[2]: 'a' is listed twice",
            "e.yaml:8:31: steps[0].labels[\"app.kubernetes.io/name\"]: must be a string, not an"
                + " integer",
            "e.yaml:11:14: steps[1].retries: must be an integer, not a string",
            "e.yaml:12:1: unknown property 'steps2'; did you mean 'steps'?");
  }

  @Test
  void reportsOnlyTheBranchOfAOneOfWhoseTypeFits() {
    assertThat(
            validate(
                """
                steps:
                  - name: look
                    kind: check
                    timeout: 30m
                  - name: act
                    kind: act
                    timeout: 0
                """))
        .containsExactly(
            "e.yaml:4:14: steps[0].timeout: '30m' does not match ^[0-9]+s$",
            "e.yaml:7:14: steps[1].timeout: must be at least 1, not 0");
  }

  @Test
  void reportsAOneOfThatNoBranchFitsOnce() {
    assertThat(
            validate(
                """
                steps:
                  - name: look
                    kind: check
                    timeout: [30s]
                """))
        .containsExactly("e.yaml:4:14: steps[0].timeout: must be a string or an integer");
  }

  @Test
  void reportsTheWrongTypeOfTheWholeDocumentAtItsStart() {
    assertThat(validate("\n- a\n- b\n"))
        .containsExactly("e.yaml:2:1: must be a mapping, not a list");
  }

  @Test
  void failsToLoadASchemaThatIsNotThere() {
    assertThatThrownBy(() -> DefinitionSchema.load(DefinitionSchemaTest.class, "nope.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("schema nope.json not found next to " + DefinitionSchemaTest.class.getName());
  }
}
