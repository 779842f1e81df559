package org.openkps.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** A write outside a transaction is written to disk before it returns; one inside is left to the commit. */
class DurableJdbcTemplateTest {

    private HikariDataSource dataSource;
    private GroupCommit group;
    private JdbcClient jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void open() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        // One connection: the write to disk after an auto-commit write must not need a second one.
        dataSource.setMaximumPoolSize(1);
        dataSource.setConnectionTimeout(1000);
        group = new GroupCommit();
        jdbc = JdbcClient.create(new DurableJdbcTemplate(dataSource, group));
        transaction = new TransactionTemplate(new GroupCommitTransactionManager(dataSource, group));
        jdbc.sql("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))").update();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void everyWriteOutsideATransactionIsWrittenBeforeItReturns() {
        long before = group.writes();
        jdbc.sql("INSERT INTO t (v) VALUES (:v)").param("v", "a").update();
        jdbc.sql("INSERT INTO t (v) VALUES (?)").param("b").update(new GeneratedKeyHolder(), "id");
        jdbc.sql("UPDATE t SET v = 'c'").update();
        assertThat(group.writes() - before).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM t WHERE v = 'c'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void writesInsideATransactionAreWrittenOnceByItsCommit() {
        long before = group.writes();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO t (v) VALUES ('a')").update();
            jdbc.sql("INSERT INTO t (v) VALUES ('b')").update();
            assertThat(group.writes()).as("nothing written before the commit").isEqualTo(before);
        });
        assertThat(group.writes() - before).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsNotWrittenAndGivesItsConnectionBack() {
        long before = group.writes();
        jdbc.sql("INSERT INTO t (id, v) VALUES (1, 'a')").update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO t (id, v) VALUES (1, 'b')").update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(group.writes() - before).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM t").query(Long.class).single()).isEqualTo(1);
    }
}
