package io.neighbourgrid.market.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The paper's reference must not use the project's market code it is meant to check. */
class PaperPackageIndependenceTest {

    private static final Path SOURCES = Path.of("src/main/java/io/neighbourgrid/market/paper");
    private static final Pattern PROJECT_MARKET = Pattern.compile("io\\.neighbourgrid\\.market\\.(?!paper\\b)\\w+");

    @Test
    void mainSourcesNameNoOtherClassOfTheMarketPackage() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the core module: " + SOURCES.toAbsolutePath());
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.list(SOURCES)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = PROJECT_MARKET.matcher(Files.readString(p));
                while (m.find()) {
                    found.add(p.getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(files >= 10, "sources found: " + files);
        assertEquals(List.of(), found);
    }

    @Test
    void loadedClassesReferenceNoOtherClassOfTheMarketPackage() throws IOException {
        // the constant pools of the compiled classes name every class they use
        Path classes = Path.of("target/classes/io/neighbourgrid/market/paper");
        List<String> found = new ArrayList<>();
        try (Stream<Path> paths = Files.list(classes)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                Matcher m = Pattern.compile("io/neighbourgrid/market/(?!paper/)\\w+").matcher(bytes);
                while (m.find()) {
                    found.add(p.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
