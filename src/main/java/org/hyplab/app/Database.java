package org.hyplab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The server's own embedded H2 database in the data folder. Its schema is built and upgraded
 * by the Flyway migrations in {@code src/main/resources/db/migration}; nothing else changes it.
 */
public final class Database implements AutoCloseable {

    /** Thrown when the database cannot be opened; the message says why in plain words. */
    public static final class OpenException extends Exception {
        OpenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path dataDir;
    private final JdbcConnectionPool pool;
    private final String schemaVersion;

    private Database(Path dataDir, JdbcConnectionPool pool, String schemaVersion) {
        this.dataDir = dataDir;
        this.pool = pool;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating if needed) {@code dataDir/hyplab.mv.db} and migrates it to the newest schema. */
    public static Database open(Path dataDir) throws OpenException {
        JdbcConnectionPool pool = null;
        try {
            Files.createDirectories(dataDir);
            pool = JdbcConnectionPool.create("jdbc:h2:file:" + dataDir.resolve("hyplab"), "hyplab", "");
            try (Connection probe = pool.getConnection()) {
                // Opening once here turns H2's "file is locked" into a clear message below.
            }
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return new Database(dataDir, pool, current == null ? "none" : current.getVersion().getVersion());
        } catch (SQLException e) {
            dispose(pool);
            String why = e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1
                    ? "it is in use by another HypLab server (use --data DIR for a second one)"
                    : e.getMessage();
            throw new OpenException("cannot open the database in " + dataDir + ": " + why, e);
        } catch (Exception e) {
            dispose(pool);
            throw new OpenException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The Flyway version of the newest migration applied. */
    public String schemaVersion() {
        return schemaVersion;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Records a server start; returns how many starts this database has seen. */
    public long recordServerStart(String version, OffsetDateTime at) throws SQLException {
        try (Connection c = connection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_run (version, started_at) VALUES (?, ?)")) {
                insert.setString(1, version);
                insert.setObject(2, at);
                insert.executeUpdate();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM server_run");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // Already closed or never opened: nothing left to flush.
        }
        pool.dispose();
    }

    private static void dispose(JdbcConnectionPool pool) {
        if (pool != null) {
            pool.dispose();
        }
    }
}
