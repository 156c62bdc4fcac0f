package io.neighbourgrid.sim.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads any household data file the simulator knows: recognises its {@link DataLayout} from the first lines and
 * hands it to {@link AusgridLoader} or {@link UciHouseholdLoader}. Every problem, including a path that is a
 * directory or does not exist, and a file of no known layout (the message names the layouts expected), is a
 * {@link DataFormatException} naming the path, the line (0 for the file as a whole) and the cause.
 */
public final class MeterFiles {

    private MeterFiles() {
    }

    /**
     * Reads a data file of any known layout (UTF-8, with or without byte-order mark).
     *
     * @param file the file
     * @return its series (one per customer for Ausgrid files, one for a UCI file), each knowing its layout and the
     *         loader's assumptions
     * @throws IOException         if the file cannot be closed after reading
     * @throws DataFormatException if the path is not a readable file or its content is not valid
     */
    public static List<MeterSeries> load(Path file) throws IOException, DataFormatException {
        try (TextLines lines = TextLines.open(file)) {
            String name = AusgridLoader.fileName(file);
            if (DataLayout.recognise(lines) == DataLayout.UCI_HOUSEHOLD) {
                return List.of(UciHouseholdLoader.parse(lines, name));
            }
            return AusgridLoader.parse(lines, name);
        }
    }
}
