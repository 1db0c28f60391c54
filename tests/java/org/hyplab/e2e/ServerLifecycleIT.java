package org.hyplab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import org.hyplab.testing.ServerProcess;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the packaged server the way a user does, without a browser. */
class ServerLifecycleIT {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aStopSignalShutsTheServerDownCleanlyAndTheDataSurvives() throws Exception {
        TestProject project = TestProject.copyOfRepository(dir.resolve("project"));
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(project.root(), data)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());

            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
            assertEquals(143, server.stop(STOP_TIMEOUT));
            assertTrue(server.output().contains("hyplab: stopping"), server.output());
            String stopping = server.output().substring(server.output().indexOf("hyplab: stopping"));
            assertFalse(stopping.contains("Exception") || stopping.contains("ERROR"), stopping);
        }
        // The database was closed properly: it opens again and holds the start.
        try (ServerProcess again = ServerProcess.start(project.root(), data)) {
            again.stop(STOP_TIMEOUT);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("hyplab"), "hyplab", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM server_run")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void aSecondServerOnTheSameDataFolderSaysWhyItCannotStart() throws Exception {
        TestProject project = TestProject.copyOfRepository(dir.resolve("project"));
        Path data = dir.resolve("data");
        try (ServerProcess first = ServerProcess.start(project.root(), data);
             ServerProcess second = ServerProcess.launch("--root", project.root().toString(), "--data", data.toString(),
                     "--port", "0")) {
            assertEquals(1, second.awaitExit(ServerProcess.START_TIMEOUT));
            assertTrue(second.output().contains("cannot open the database in " + data)
                    && second.output().contains("in use by another HypLab server"), second.output());
        }
    }

    @Test
    void aBadCommandLineIsAUsageError() throws Exception {
        try (ServerProcess server = ServerProcess.launch("--port", "eighty")) {
            assertEquals(2, server.awaitExit(ServerProcess.START_TIMEOUT));
            assertTrue(server.output().contains("hyplab serve: --port must be a number from 0 to 65535, not 'eighty'"),
                    server.output());
        }
    }
}
