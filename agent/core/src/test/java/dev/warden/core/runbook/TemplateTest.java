package dev.warden.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void parsesTheFourRootsWithOrWithoutSpaces() {
    Template template =
        Template.parse(
            "{{labels.a}}-{{ annotations.b }}-{{  params.c\t}}-{{ steps.look-up.output.d }}");
    assertThat(template.references())
        .extracting(Template.Reference::toString)
        .containsExactly("labels.a", "annotations.b", "params.c", "steps.look-up.output.d");
    assertThat(template.references())
        .extracting(Template.Reference::offset)
        .containsExactly(0, 13, 33, 49);
  }

  @Test
  void rejectsUnknownRootsExpressionsAndUnclosedBraces() {
    assertThatThrownBy(() -> Template.parse("x {{ env.HOME }}"))
        .isInstanceOf(Template.SyntaxException.class)
        .hasMessageContaining("unknown template variable 'env'")
        .extracting(e -> ((Template.SyntaxException) e).offset())
        .isEqualTo(5);
    assertThatThrownBy(() -> Template.parse("{{ labels.a | upper }}"))
        .isInstanceOf(Template.SyntaxException.class)
        .hasMessageContaining("malformed reference");
    assertThatThrownBy(() -> Template.parse("{{ steps.a.b }}"))
        .hasMessageContaining("steps.ID.output.NAME");
    assertThatThrownBy(() -> Template.parse("ab {{ labels.a"))
        .isInstanceOf(Template.SyntaxException.class)
        .hasMessageContaining("not closed")
        .extracting(e -> ((Template.SyntaxException) e).offset())
        .isEqualTo(3);
  }

  @Test
  void substitutedValuesAreInsertedLiterallyAndNeverRenderedAgain() {
    Template template = Template.parse("kubectl -n {{ labels.namespace }} get pods");
    String hostile = "{{ params.namespace }}; $(curl evil) `rm -rf /` ; kubectl delete ns prod";
    String rendered =
        template.render(
            reference ->
                switch (reference.root()) {
                  case LABELS -> Map.of("namespace", hostile).get(reference.name());
                  case PARAMS -> "SHOULD-NOT-APPEAR";
                  default -> null;
                });
    assertThat(rendered).isEqualTo("kubectl -n " + hostile + " get pods");
  }

  @Test
  void aMissingLabelIsAnErrorNamingIt() {
    assertThatThrownBy(() -> Template.parse("{{ labels.pod }}").render(reference -> null))
        .isInstanceOf(Template.RenderException.class)
        .hasMessage("the alert has no label 'pod'");
  }

  @Test
  void textWithoutPlaceholdersIsLiteral() {
    Template template = Template.parse("just } text { here");
    assertThat(template.isLiteral()).isTrue();
    assertThat(template.render(reference -> null)).isEqualTo("just } text { here");
  }
}
