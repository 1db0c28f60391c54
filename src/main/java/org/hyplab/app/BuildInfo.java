package org.hyplab.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: the version Maven stamped into {@code build.properties}. */
public record BuildInfo(String version) {

    public static BuildInfo load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
        String version = props.getProperty("version", "");
        // Unfiltered (running from sources without Maven) shows the placeholder: say so instead.
        return new BuildInfo(version.isBlank() || version.startsWith("${") ? "development" : version);
    }
}
