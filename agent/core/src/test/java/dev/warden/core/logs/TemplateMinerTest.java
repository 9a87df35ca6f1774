package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  @Test
  void messagesThatDifferInTheirValuesShareATemplate() {
    TemplateMiner miner = new TemplateMiner();

    Template first = miner.add("Failed password for root from 10.0.0.1 port 22 ssh2");
    Template second = miner.add("Failed password for admin from 10.0.0.2 port 2222 ssh2");
    Template third = miner.add("Failed password for guest from 10.0.0.3 port 22 ssh2");
    Template fourth = miner.add("Failed password for oracle from 10.0.0.9 port 22 ssh2");

    assertThat(fourth.text()).isEqualTo("Failed password for <*> from <*> port <*> ssh2");
    assertThat(first.text()).isEqualTo(fourth.text());
    assertThat(first.group()).isEqualTo(second.group()).isEqualTo(third.group());
    assertThat(miner.groups()).isEqualTo(1);
  }

  @Test
  void aMessageSeenBeforeGetsTheSameTemplateObject() {
    TemplateMiner miner = new TemplateMiner();

    Template once = miner.add("Connection closed by 10.0.0.1 port 22");
    Template again = miner.add("Connection closed by 10.9.9.9 port 4444");

    assertThat(again).isSameAs(once);
    assertThat(again.count()).isEqualTo(2);
  }

  @Test
  void aPositionThatOnlyEverHoldsAFewWordsKeepsThem() {
    TemplateMiner miner = new TemplateMiner();
    List<Template> templates = new ArrayList<>();
    for (String state : List.of("Paused", "Resumed", "Started", "Paused", "Resumed")) {
      templates.add(miner.add("[instance: 1f2e-99] VM " + state + " (Lifecycle Event)"));
    }

    assertThat(templates.get(0).text()).isEqualTo("[instance: <*>] VM Paused (Lifecycle Event)");
    assertThat(templates.get(1).text()).isEqualTo("[instance: <*>] VM Resumed (Lifecycle Event)");
    assertThat(templates.get(0).group()).isEqualTo(templates.get(1).group());

    for (String state : List.of("Stopped", "Deleted")) {
      miner.add("[instance: 1f2e-99] VM " + state + " (Lifecycle Event)");
    }
    assertThat(templates.get(0).text())
        .as("five different words: a variable after all")
        .isEqualTo("[instance: <*>] VM <*> (Lifecycle Event)");
  }

  @Test
  void aKeyValueFirstBranchesByItsKey() {
    TemplateMiner miner = new TemplateMiner();
    List<Template> logins = new ArrayList<>();
    for (String user : List.of("alice", "bob", "carol", "dave", "erin")) {
      logins.add(miner.add("user=" + user + " logged in from the web"));
    }

    assertThat(logins).extracting(Template::group).containsOnly(logins.get(0).group());
    assertThat(logins.get(0).text()).isEqualTo("user=<*> logged in from the web");
  }

  @Test
  void extraMasksApplyBeforeTheBuiltInShapes() {
    TemplateMiner miner =
        new TemplateMiner(
            TemplateMiner.Settings.DEFAULT.withMasks(
                List.of(java.util.regex.Pattern.compile("tenant-[a-z]+"))));

    assertThat(miner.add("quota exceeded for tenant-acme").text())
        .isEqualTo("quota exceeded for <*>");
  }

  @Test
  void messagesOfDifferentLengthsOrFirstWordsAreNeverMerged() {
    TemplateMiner miner = new TemplateMiner();

    Template a = miner.add("Starting service api");
    Template b = miner.add("Starting service api now");
    Template c = miner.add("Stopping service api");

    assertThat(a.group()).isNotEqualTo(b.group()).isNotEqualTo(c.group());
  }

  @Test
  void theNumberOfGroupsIsBoundedByDroppingTheLeastRecentlySeen() {
    TemplateMiner miner =
        new TemplateMiner(new TemplateMiner.Settings(0.5, 100, 1_000, 3, List.of()));
    Template kept = miner.add("heartbeat ok");
    for (int i = 0; i < 1_000; i++) {
      miner.add("event" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + " happened");
      if (i % 50 == 0) {
        miner.add("heartbeat ok");
      }
    }

    assertThat(miner.groups()).isLessThanOrEqualTo(100);
    assertThat(miner.evicted()).isGreaterThan(500);
    assertThat(miner.add("heartbeat ok")).as("recently seen, so kept").isSameAs(kept);
  }
}
