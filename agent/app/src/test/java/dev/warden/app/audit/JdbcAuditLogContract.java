package dev.warden.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditHead;
import dev.warden.core.audit.AuditRecord;
import dev.warden.core.audit.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every database must do for the audit chain; run on H2 ({@link JdbcAuditLogH2Test}) and on a
 * real PostgreSQL ({@link JdbcAuditLogPostgresIT}). Tampering is done the way someone with access
 * to the database would: with SQL on the table.
 */
abstract class JdbcAuditLogContract {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private JdbcAuditLog log;
  private JdbcClient sql;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    DataSource dataSource = freshDatabase();
    log = new JdbcAuditLog(dataSource);
    sql = JdbcClient.create(dataSource);
  }

  private static AuditRecord record(int i) {
    return new AuditRecord("decision", T0.plusSeconds(i), "{\"n\":" + i + "}");
  }

  private void appendFive() {
    for (int i = 1; i <= 5; i++) {
      log.append(record(i));
    }
    assertThat(AuditChain.verify(log).intact()).isTrue();
  }

  private Long firstBad() {
    Verification verification = AuditChain.verify(log);
    assertThat(verification.intact()).isFalse();
    return verification.firstBad().orElseThrow();
  }

  @Test
  void startsEmptyAndIntact() {
    assertThat(log.head()).isEmpty();
    assertThat(log.read(1, 10)).isEmpty();
    assertThat(AuditChain.verify(log).intact()).isTrue();
  }

  @Test
  void readsBackExactlyWhatWasHashed() {
    AuditEntry appended =
        log.append(
            new AuditRecord(
                "approval.vote", Instant.parse("2026-11-27T10:00:00.123456789Z"), "{\"a\":1}"));

    assertThat(appended.seq()).isEqualTo(1);
    assertThat(appended.at()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123456Z"));
    assertThat(log.read(1, 10)).containsExactly(appended);
    assertThat(log.head()).contains(new AuditHead(1, appended.hash()));
    assertThat(AuditChain.verify(log).intact()).isTrue();
  }

  @Test
  void readsAPageFromASequenceNumber() {
    appendFive();

    assertThat(log.read(2, 2)).extracting(AuditEntry::seq).containsExactly(2L, 3L);
    assertThat(log.read(5, 10)).extracting(AuditEntry::seq).containsExactly(5L);
    assertThat(log.read(6, 10)).isEmpty();
  }

  @Test
  void concurrentAppendsFormOneChainWithoutGaps() throws Exception {
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    log.append(record(thread * each + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int total = threads * each;
    Verification verification = AuditChain.verify(log);
    assertThat(verification.intact()).isTrue();
    assertThat(verification.entries()).isEqualTo(total);
    assertThat(log.read(1, 1_000))
        .extracting(AuditEntry::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(log.head()).map(AuditHead::seq).contains((long) total);
  }

  @Test
  void namesAnEditedEntry() {
    appendFive();

    sql.sql("UPDATE audit_entry SET body = '{\"n\":99}' WHERE seq = 3").update();

    assertThat(firstBad()).isEqualTo(3);
  }

  @Test
  void namesADeletedEntry() {
    appendFive();

    sql.sql("DELETE FROM audit_entry WHERE seq = 3").update();

    assertThat(firstBad()).isEqualTo(3);
  }

  @Test
  void namesTheFirstOfTwoSwappedEntries() {
    appendFive();
    String second = body(2);
    String fourth = body(4);

    sql.sql("UPDATE audit_entry SET body = :body WHERE seq = 2").param("body", fourth).update();
    sql.sql("UPDATE audit_entry SET body = :body WHERE seq = 4").param("body", second).update();

    assertThat(firstBad()).isEqualTo(2);
  }

  @Test
  void namesADeletedLastEntry() {
    appendFive();

    sql.sql("DELETE FROM audit_entry WHERE seq = 5").update();

    assertThat(firstBad()).isEqualTo(5);
  }

  private String body(long seq) {
    return sql.sql("SELECT body FROM audit_entry WHERE seq = :seq")
        .param("seq", seq)
        .query(String.class)
        .single();
  }
}
