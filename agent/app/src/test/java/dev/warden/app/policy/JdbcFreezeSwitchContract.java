package dev.warden.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.policy.GlobalFreeze;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for the global freeze switch; run on H2 ({@link
 * JdbcFreezeSwitchH2Test}) and on a real PostgreSQL ({@link JdbcFreezeSwitchPostgresIT}). Two
 * instances on one database stand for two replicas.
 */
abstract class JdbcFreezeSwitchContract {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");

  private JdbcFreezeSwitch one;
  private JdbcFreezeSwitch other;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    DataSource dataSource = freshDatabase();
    one = new JdbcFreezeSwitch(dataSource);
    other = new JdbcFreezeSwitch(dataSource);
  }

  @Test
  void isOffAtFirst() {
    assertThat(one.current()).isEmpty();
  }

  @Test
  void everyReplicaSeesItSwitchedOnUpdatedAndOff() {
    GlobalFreeze freeze = new GlobalFreeze("incident INC-7", "U-ALICE", T0);
    GlobalFreeze updated = new GlobalFreeze("incident INC-7, still", "U-BOB", T0.plusSeconds(60));

    one.switchOn(freeze);
    assertThat(other.current()).contains(freeze);

    other.switchOn(updated);
    assertThat(one.current()).contains(updated);

    one.switchOff();
    assertThat(other.current()).isEmpty();
  }

  @Test
  void switchingOffWhenOffChangesNothing() {
    one.switchOff();

    assertThat(other.current()).isEmpty();
  }
}
