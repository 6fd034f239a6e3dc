package dev.skillpath.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.QuietLogs;

class PostgresServerTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @Test
    void createsADatabaseOnceAndAnswersQueries() throws Exception {
        try (PostgresServer pg = PostgresServer.forTests()) {
            pg.ensureDatabase("devinfra_check");
            pg.ensureDatabase("devinfra_check"); // a second call is a no-op
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("devinfra_check"), pg.user(), pg.password());
                 ResultSet rs = c.createStatement().executeQuery("select current_database(), version()")) {
                rs.next();
                assertEquals("devinfra_check", rs.getString(1));
                assertEquals(true, rs.getString(2).startsWith("PostgreSQL 15"));
            }
            pg.dropDatabase("devinfra_check");
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        try (PostgresServer pg = PostgresServer.forTests()) {
            assertThrows(IllegalArgumentException.class, () -> pg.ensureDatabase("x; drop database postgres"));
        }
    }
}
