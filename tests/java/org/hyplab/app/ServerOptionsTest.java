package org.hyplab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsServeOnPort8080WithDataUnderTheRoot() throws Exception {
        ServerOptions options = ServerOptions.parse("--root", "/srv/hyplab");
        assertEquals(8080, options.port());
        assertEquals("0.0.0.0", options.host());
        assertEquals(Path.of("/srv/hyplab/data"), options.dataDir());
    }

    @Test
    void optionsAreRead() throws Exception {
        ServerOptions options = ServerOptions.parse("--port", "0", "--data", "/var/lib/hyplab", "--host", "127.0.0.1");
        assertEquals(0, options.port());
        assertEquals("127.0.0.1", options.host());
        assertEquals(Path.of("/var/lib/hyplab"), options.dataDir());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertEquals("--port must be a number from 0 to 65535, not 'http'",
                assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--port", "http")).getMessage());
        assertEquals("--port must be a number from 0 to 65535, not '70000'",
                assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--port", "70000")).getMessage());
        assertEquals("--data needs a value",
                assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--data")).getMessage());
        assertEquals("unknown option '--prot' (serve takes --port N, --data DIR, --host ADDR)",
                assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--prot", "1")).getMessage());
    }
}
