package io.neighbourgrid.sim.data;

import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates and times in Ausgrid files: the date column of the wide layout and the timestamp of the derived layout.
 *
 * <p>The wide layout's dates are {@code DDMMMYYYY} as Ausgrid documents them, {@code d-MMM-yy}, ISO, or
 * {@code d/mm/yyyy} as Ausgrid's CSV files write them. One instance reads the date column of one file: spellings
 * without slashes are parsed at once; dates with slashes are only noted, and once every row is read the order of
 * day and month is decided for the whole file ({@link SlashDates}) and recorded as an
 * {@link Assumption#DATE_ORDER assumption} when it had to be inferred.
 */
final class AusgridDates {

    /** Date spellings without slashes, whose order is not in doubt. */
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            caseInsensitive("dMMMuuuu"), caseInsensitive("d-MMM-uu"), caseInsensitive("d-MMM-uuuu"),
            DateTimeFormatter.ISO_LOCAL_DATE);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * A date as written in the file: slash dates wait for the file's order of day and month.
     *
     * @param text   the date as written (upper case for spellings without slashes)
     * @param parsed the date, or {@code null} for a slash date
     */
    record DateText(String text, LocalDate parsed) {
    }

    private final String name;
    private final int dateColumn;
    private final String column;
    private final SlashDates slashDates;

    /**
     * @param name       the file name, for messages
     * @param dateColumn the 0-based position of the date column
     */
    AusgridDates(String name, int dateColumn) {
        this.name = name;
        this.dateColumn = dateColumn;
        this.column = "column " + (dateColumn + 1) + " (date)";
        this.slashDates = new SlashDates(name, column, true);
    }

    private static DateTimeFormatter caseInsensitive(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Reads the date column of a row: a slash date is noted for the file's decision, other spellings are parsed
     * at once. A value that is no date is reported with the column where a date is found instead, if any.
     *
     * @param f          the row's fields
     * @param firstValue the 0-based position of the first half-hour value (the search for a misplaced date ends
     *                   one column after it)
     * @param lineNo     the row's line
     * @return the date as written and, unless it has slashes, parsed
     * @throws DataFormatException if the value is not a date or not a calendar date
     */
    DateText read(String[] f, int firstValue, long lineNo) throws DataFormatException {
        String text = f[dateColumn].trim();
        if (SlashDates.isSlashDate(text)) {
            slashDates.note(text, lineNo);
            return new DateText(text, null);
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            if (shapeMatches(format, text)) {
                try {
                    return new DateText(text.toUpperCase(Locale.ROOT), LocalDate.parse(text, format));
                } catch (DateTimeParseException e) {
                    throw new DataFormatException(name, lineNo, column + " '" + text + "' is not a calendar date",
                            e);
                }
            }
        }
        StringBuilder problem = new StringBuilder(column).append(" is '").append(DataLayout.abbreviate(text))
                .append("', not a date (d/mm/yyyy or DDMMMYYYY)");
        int elsewhere = -1;
        for (int c = 0; c < Math.min(f.length, firstValue + 2); c++) {
            if (c != dateColumn && looksLikeDate(f[c].trim())) {
                elsewhere = c;
                break;
            }
        }
        if (elsewhere >= 0) {
            problem.append("; the columns are misaligned: the date is in column ").append(elsewhere + 1)
                    .append(" ('").append(f[elsewhere].trim()).append("'); expected ");
        } else {
            problem.append("; are the columns misaligned? Expected ");
        }
        problem.append(AusgridWideLayout.COLUMNS);
        throw new DataFormatException(name, lineNo, problem.toString());
    }

    /**
     * Decides the order of day and month of the file's slash dates, once every row is read.
     *
     * @param fileName the file name, for the assumption
     * @return the {@link Assumption#DATE_ORDER} assumption when the order was inferred, else nothing
     * @throws DataFormatException if the dates contradict each other or leave the order open
     */
    List<Assumption> decideOrder(String fileName) throws DataFormatException {
        Optional<SlashDates.Decision> order = slashDates.decide();
        List<Assumption> assumptions = new ArrayList<>();
        if (order.isPresent() && order.get().inferred()) {
            assumptions.add(Assumption.of(Assumption.DATE_ORDER, "Dates in " + fileName + " were read "
                    + order.get().order() + ": " + order.get().reason() + "."));
        }
        return assumptions;
    }

    /**
     * The date of a value read by {@link #read}; slash dates only after {@link #decideOrder}.
     *
     * @param text the date as read
     * @param line a line on which it stands, for messages
     * @return the date
     * @throws DataFormatException if a slash date is not a calendar date in the decided order
     */
    LocalDate date(DateText text, long line) throws DataFormatException {
        return text.parsed() != null ? text.parsed() : slashDates.date(text.text(), line);
    }

    /**
     * Reads the timestamp of a row of the derived layout, {@code yyyy-mm-dd hh:mm:ss} (or with a {@code T}).
     *
     * @param text   the timestamp
     * @param name   the file name, for messages
     * @param lineNo the row's line
     * @return the local date and time
     * @throws DataFormatException if the text is not a timestamp or not a calendar date and time
     */
    static LocalDateTime timestamp(String text, String name, long lineNo) throws DataFormatException {
        try {
            return LocalDateTime.parse(text, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new DataFormatException(name, lineNo, "column 1 (timestamp) '" + DataLayout.abbreviate(text)
                    + (shapeMatches(TIMESTAMP, text) ? "' is not a calendar date and time"
                    : "' is not yyyy-mm-dd hh:mm:ss"), e);
        }
    }

    private static boolean looksLikeDate(String text) {
        if (SlashDates.isSlashDate(text)) {
            return true;
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            if (shapeMatches(format, text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text has the formatter's shape, whatever its values (31 June has the shape of a date). */
    static boolean shapeMatches(DateTimeFormatter format, String text) {
        ParsePosition position = new ParsePosition(0);
        return format.parseUnresolved(text, position) != null && position.getErrorIndex() < 0
                && position.getIndex() == text.length();
    }
}
