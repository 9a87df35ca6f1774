package dev.warden.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.testing.Races;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every database must do for approval messages, with {@code InMemoryApprovalMessageStore} of
 * the core's test fixtures as the reference; run on H2 ({@link JdbcApprovalMessageStoreH2Test}) and
 * on a real PostgreSQL ({@link JdbcApprovalMessageStorePostgresIT}).
 */
abstract class JdbcApprovalMessageStoreContract {
  // microseconds, the precision both databases keep
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");
  private static final int THREADS = 8;

  private DataSource database;
  private JdbcApprovalMessageStore store;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    database = freshDatabase();
    store = new JdbcApprovalMessageStore(database, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void remembersAMessageAndFindsItByItsRequest() {
    MessageRef message = new MessageRef("C0APPROVALS", "1767225661.000200");

    assertThat(store.find("req-1")).isEmpty();
    assertThat(store.remember("req-1", message)).isTrue();

    assertThat(store.find("req-1")).contains(message);
    assertThat(store.find("req-10")).isEmpty();
    assertThat(store.find("REQ-1")).isEmpty();
    OffsetDateTime postedAt =
        JdbcClient.create(database)
            .sql("SELECT posted_at FROM chat_approval_message WHERE request_id = 'req-1'")
            .query(OffsetDateTime.class)
            .single();
    assertThat(postedAt.toInstant()).isEqualTo(T0);
  }

  @Test
  void rememberingTwiceKeepsTheFirstMessage() {
    MessageRef first = new MessageRef("C0APPROVALS", "1767225661.000200");
    MessageRef second = new MessageRef("C0OTHER", "1767225662.000300");

    assertThat(store.remember("req-1", first)).isTrue();
    assertThat(store.remember("req-1", second)).isFalse();
    assertThat(store.remember("req-1", first)).isFalse();

    assertThat(store.find("req-1")).contains(first);
  }

  @Test
  void eachRequestHasItsOwnMessage() {
    MessageRef one = new MessageRef("C0APPROVALS", "1767225661.000200");
    MessageRef two = new MessageRef("C0APPROVALS", "1767225661.000201");

    assertThat(store.remember("req-1", one)).isTrue();
    assertThat(store.remember("req-2", two)).isTrue();

    assertThat(store.find("req-1")).contains(one);
    assertThat(store.find("req-2")).contains(two);
  }

  @Test
  void exactlyOneOfConcurrentCallersRemembersTheMessage() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "req-" + round;

      List<Boolean> won =
          Races.run(
              THREADS, i -> store.remember(id, new MessageRef("C" + i, "1767225661.00020" + i)));

      assertThat(won).as("round %d", round).containsOnlyOnce(true);
      int winner = won.indexOf(true);
      assertThat(store.find(id))
          .as("round %d", round)
          .contains(new MessageRef("C" + winner, "1767225661.00020" + winner));
    }
  }
}
