package dev.warden.core.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentTest {
  private final Problems problems = new Problems();

  private YamlDocument parse(String text) {
    Optional<YamlDocument> document = YamlDocument.parse("p.yaml", text, problems);
    assertThat(document).as("document of %s; problems %s", text, problems.sorted()).isPresent();
    return document.get();
  }

  private List<String> problems() {
    return problems.sorted().stream().map(Problem::toString).toList();
  }

  @Test
  void locatesNodesInNestedMappingsAndSequences() {
    YamlDocument document =
        parse(
            """
            # a comment
            rules:
              - name: first
                match:
                  actions: ["a.b", "c.*"]
              - name: second
                level: deny
            groups:
              ops:
                - U1
                - U2
            """);

    assertThat(problems()).isEmpty();
    assertThat(document.locate("")).isEqualTo(new Location(2, 1));
    assertThat(document.locate("/rules")).isEqualTo(new Location(3, 3));
    assertThat(document.locate("/rules/0")).isEqualTo(new Location(3, 5));
    assertThat(document.locate("/rules/0/name")).isEqualTo(new Location(3, 11));
    assertThat(document.locate("/rules/0/match/actions")).isEqualTo(new Location(5, 16));
    assertThat(document.locate("/rules/0/match/actions/1")).isEqualTo(new Location(5, 24));
    assertThat(document.locate("/rules/1/level")).isEqualTo(new Location(7, 12));
    assertThat(document.locate("/groups/ops/1")).isEqualTo(new Location(11, 7));
  }

  @Test
  void locatesTheKeyOfAnEntrySeparatelyFromItsValue() {
    YamlDocument document =
        parse(
            """
            rules:
              - name: first
                level:   deny
              - {name: second, level: passive}
            """);

    assertThat(document.locateKey("/rules/0/level")).isEqualTo(new Location(3, 5));
    assertThat(document.locate("/rules/0/level")).isEqualTo(new Location(3, 14));
    assertThat(document.locate("/rules/1")).isEqualTo(new Location(4, 5));
    assertThat(document.locateKey("/rules/1/level")).isEqualTo(new Location(4, 20));
    assertThat(document.locate("/rules/1/level")).isEqualTo(new Location(4, 27));
    // a list item has no key: its own place
    assertThat(document.locateKey("/rules/1")).isEqualTo(new Location(4, 5));
  }

  @Test
  void fallsBackToTheNearestExistingAncestor() {
    YamlDocument document =
        parse(
            """
            rules:
              - name: first
            """);

    assertThat(document.locate("/rules/0/match/actions/3")).isEqualTo(new Location(2, 5));
    assertThat(document.locate("/rules/7")).isEqualTo(new Location(2, 3));
    assertThat(document.locate("/freezes")).isEqualTo(new Location(1, 1));
  }

  @Test
  void escapesSlashesAndTildesOfKeysInPointers() {
    YamlDocument document =
        parse(
            """
            labels:
              app.kubernetes.io/name: api
              a~b: c
            """);

    assertThat(YamlDocument.child("/labels", "app.kubernetes.io/name"))
        .isEqualTo("/labels/app.kubernetes.io~1name");
    assertThat(document.locate(YamlDocument.child("/labels", "app.kubernetes.io/name")))
        .isEqualTo(new Location(2, 27));
    assertThat(document.locateKey(YamlDocument.child("/labels", "a~b")))
        .isEqualTo(new Location(3, 3));
  }

  @Test
  void quotedScalarsStartAtTheirQuote() {
    YamlDocument document =
        parse(
            """
            a: 'single'
            b:   "double"
            c: "tab\\there"
            """);

    assertThat(document.root().get("a").asString()).isEqualTo("single");
    assertThat(document.root().get("c").asString()).isEqualTo("tab\there");
    assertThat(document.locate("/a")).isEqualTo(new Location(1, 4));
    assertThat(document.locate("/b")).isEqualTo(new Location(2, 6));
  }

  @Test
  void locatesACharacterInsideAPlainOrQuotedValue() {
    YamlDocument document =
        parse(
            """
            plain: x == 1
            single: 'x == 1'
            double:  "x == 1"
            escaped: "\\u0078 == 1"
            folded: >-
              x == 1
            """);

    // the '=' is the 3rd character of each value
    Location third = new Location(1, 3);
    assertThat(document.locateWithin("/plain", third)).isEqualTo(new Location(1, 10));
    assertThat(document.locateWithin("/single", third)).isEqualTo(new Location(2, 12));
    assertThat(document.locateWithin("/double", third)).isEqualTo(new Location(3, 13));
    // the source does not show the value verbatim: the start of the value
    assertThat(document.locateWithin("/escaped", third)).isEqualTo(new Location(4, 10));
    assertThat(document.locateWithin("/folded", third)).isEqualTo(new Location(5, 9));
  }

  @Test
  void locatesACharacterInsideALiteralBlock() {
    YamlDocument document =
        parse(
            """
            rule:
              when: |
                action.a == 1 &&
                  action.b == 2
            """);

    assertThat(document.locateWithin("/rule/when", new Location(1, 1)))
        .isEqualTo(new Location(3, 5));
    assertThat(document.locateWithin("/rule/when", new Location(2, 3)))
        .isEqualTo(new Location(4, 7));
    // past the last line of the value
    assertThat(document.locateWithin("/rule/when", new Location(9, 1)))
        .isEqualTo(new Location(2, 9));
  }

  @Test
  void typesScalarsAndKeepsTimestampsAsWritten() {
    YamlDocument document =
        parse(
            """
            int: 5
            hex: 0x1F
            float: 1.5
            bool: true
            yes11: yes
            nothing: ~
            empty:
            quoted: "5"
            timestamp: 2026-12-20T00:00:00
            date: 2026-12-20
            duration: 30m
            """);

    assertThat(document.root().get("int").isInt()).isTrue();
    assertThat(document.root().get("hex").asInt()).isEqualTo(31);
    assertThat(document.root().get("float").asDouble()).isEqualTo(1.5);
    assertThat(document.root().get("bool").asBoolean()).isTrue();
    assertThat(document.root().get("yes11").isBoolean()).isTrue();
    assertThat(document.root().get("nothing").isNull()).isTrue();
    assertThat(document.root().get("empty").isNull()).isTrue();
    assertThat(document.root().get("quoted").isString()).isTrue();
    assertThat(document.root().get("timestamp").asString()).isEqualTo("2026-12-20T00:00:00");
    assertThat(document.root().get("date").asString()).isEqualTo("2026-12-20");
    assertThat(document.root().get("duration").asString()).isEqualTo("30m");
  }

  @Test
  void expandsAliases() {
    YamlDocument document =
        parse(
            """
            a: &ops ["U1", "U2"]
            b: *ops
            """);

    assertThat(document.root().get("b").toString()).isEqualTo("[\"U1\",\"U2\"]");
    // an alias is where its anchor is
    assertThat(document.locate("/b/1")).isEqualTo(new Location(1, 16));
  }

  @Test
  void reportsASyntaxErrorWhereTheParserFoundIt() {
    Optional<YamlDocument> document =
        YamlDocument.parse(
            "p.yaml",
            """
            rules:
              - name: a
                match: {actions: [x, y}
            """,
            problems);

    assertThat(document).isEmpty();
    assertThat(problems())
        .containsExactly(
            "p.yaml:3:27: expected ',' or ']', but got } (while parsing a flow sequence at 3:22)");
  }

  @Test
  void reportsABadIndentation() {
    assertThat(YamlDocument.parse("p.yaml", "a:\n  b: 1\n c: 2\n", problems)).isEmpty();

    assertThat(problems())
        .containsExactly(
            "p.yaml:3:2: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping at 1:1)");
  }

  @Test
  void reportsADuplicateKeyAtTheSecondAndKeepsTheFirst() {
    YamlDocument document =
        parse(
            """
            rules:
              - name: a
                level: deny
                level: passive
            """);

    assertThat(problems()).containsExactly("p.yaml:4:5: duplicate key 'level' (first at 3:5)");
    assertThat(document.root().at("/rules/0/level").asString()).isEqualTo("deny");
  }

  @Test
  void reportsKeysThatAreNotStrings() {
    YamlDocument document =
        parse(
            """
            1: one
            yes: two
            ? [a]
            : three
            <<: {x: 1}
            "2": fine
            """);

    assertThat(problems())
        .containsExactly(
            "p.yaml:1:1: key 1 is an integer, not a string; quote it: \"1\"",
            "p.yaml:2:1: key yes is a boolean, not a string; quote it: \"yes\"",
            "p.yaml:3:3: a key must be a string, not a list",
            "p.yaml:5:1: merge keys (<<) are not supported; repeat the entries");
    assertThat(document.root().propertyNames()).containsExactly("2");
  }

  @Test
  void reportsEveryProblemOfADocumentAtOnce() {
    parse(
        """
        a: 1
        b: !custom x
        a: 2
        c: {d: 1, d: 2}
        """);

    assertThat(problems())
        .containsExactly(
            "p.yaml:2:4: unsupported YAML tag !custom; write a plain value",
            "p.yaml:3:1: duplicate key 'a' (first at 1:1)",
            "p.yaml:4:11: duplicate key 'd' (first at 4:5)");
  }

  @Test
  void reportsASecondDocumentAtItsStart() {
    YamlDocument document =
        parse(
            """
            a: 1
            ---
            b: 2
            """);

    assertThat(problems())
        .containsExactly(
            "p.yaml:2:1: a second YAML document starts here; a definition file holds exactly one");
    assertThat(document.root().toString()).isEqualTo("{\"a\":1}");
  }

  @Test
  void anEmptyFileOrDocumentDefinesNothing() {
    for (String text : List.of("", "# only a comment\n", "---\n", "~\n")) {
      YamlDocument document = parse(text);

      assertThat(document.root().isObject() && document.root().isEmpty()).as(text).isTrue();
      assertThat(document.locate("/rules/0")).isEqualTo(new Location(1, 1));
    }
    assertThat(problems()).isEmpty();
  }

  @Test
  void reportsAnAliasThatContainsItself() {
    parse("a: &x [1, *x]\n");

    assertThat(problems())
        .containsExactly("p.yaml:1:4: an alias refers to a node that contains it");
  }

  @Test
  void rejectsATextOverOneMebibyte() {
    String text = "a: \"" + "x".repeat(YamlDocument.MAX_BYTES) + "\"\n";

    assertThat(YamlDocument.parse("big.yaml", text, problems)).isEmpty();
    assertThat(problems())
        .containsExactly(
            "big.yaml:1:1: the file is 1048582 bytes; definition files are limited to 1 MiB");
  }

  @Test
  void readsAFileNamedAsGiven(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("a.yaml"), "a: 1\na: 2\n");
    Path relative = Path.of("").toAbsolutePath().relativize(directory.resolve("a.yaml"));

    Optional<YamlDocument> document = YamlDocument.read(relative, problems);

    assertThat(document).isPresent();
    assertThat(document.get().file()).isEqualTo(relative.toString());
    assertThat(problems()).containsExactly(relative + ":2:1: duplicate key 'a' (first at 1:1)");
  }

  @Test
  void rejectsAFileOverOneMebibyteBeforeReadingIt(@TempDir Path directory) throws Exception {
    Path big = directory.resolve("big.yaml");
    Files.write(big, new byte[YamlDocument.MAX_BYTES + 1]);

    assertThat(YamlDocument.read(big, problems)).isEmpty();
    assertThat(problems())
        .containsExactly(
            big + ":1:1: the file is 1048577 bytes; definition files are limited to 1 MiB");
  }

  @Test
  void rejectsAFileThatIsNotUtf8OrMissing(@TempDir Path directory) throws Exception {
    Path latin1 = directory.resolve("latin1.yaml");
    Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Path missing = directory.resolve("missing.yaml");

    assertThat(YamlDocument.read(latin1, problems)).isEmpty();
    assertThat(YamlDocument.read(missing, problems)).isEmpty();
    assertThat(problems())
        .containsExactly(
            latin1 + ":1:1: the file is not UTF-8 text", missing + ":1:1: no such file");
  }
}
