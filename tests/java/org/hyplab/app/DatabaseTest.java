package org.hyplab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migrationsBuildTheSchemaAndDataSurvivesAReopen() throws Exception {
        Path data = dir.resolve("new/data");
        try (Database db = Database.open(data)) {
            assertEquals("1", db.schemaVersion());
            assertEquals(1, db.recordServerStart("1.0", OffsetDateTime.parse("2026-11-25T10:00:00Z")));
            assertEquals(2, db.recordServerStart("1.1", OffsetDateTime.parse("2026-11-25T11:00:00Z")));
        }
        assertTrue(Files.exists(data.resolve("hyplab.mv.db")));
        try (Database db = Database.open(data);
             Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version FROM server_run ORDER BY started_at")) {
            rs.next();
            assertEquals("1.0", rs.getString(1));
            rs.next();
            assertEquals("1.1", rs.getString(1));
            assertEquals(3, db.recordServerStart("1.2", OffsetDateTime.parse("2026-11-25T12:00:00Z")));
        }
    }

    @Test
    void aDataPathThatIsAFileIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Database.OpenException e = assertThrows(Database.OpenException.class, () -> Database.open(file));
        assertTrue(e.getMessage().startsWith("cannot open the database in " + file), e.getMessage());
    }
}
