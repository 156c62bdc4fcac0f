package io.neighbourgrid.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: {@code neighbourgrid VERSION}, the Maven project version, which the build writes into the
 * resource {@code version.properties} beside this class; the jar manifest's implementation version when that
 * resource is missing or unfiltered.
 */
final class Version implements IVersionProvider {
    /** The program name {@code --version} prints. */
    static final String PROGRAM = "neighbourgrid";

    @Override
    public String[] getVersion() {
        return new String[] {PROGRAM + " " + version()};
    }

    /** The project version, or {@code unknown}. */
    static String version() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version resource: " + e.getMessage(), e);
        }
        String manifest = Version.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
