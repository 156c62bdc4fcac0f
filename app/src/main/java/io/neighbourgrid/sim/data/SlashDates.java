package io.neighbourgrid.sim.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates written with slashes ({@code 6/1/2017}), whose order of day and month is decided for a whole file, never
 * date by date: collect every date with {@link #note}, then {@link #decide} once and convert with {@link #date}.
 *
 * <p>The order is inferred from the file: a first field above 12 can only be a day (day first), a second field
 * above 12 only a day (month first); a file with both is refused. When no date decides, the file is refused as
 * ambiguous, unless its dates are written in a documented form whose order is known: for Ausgrid files this is
 * {@code d/mm/yyyy} with the month always in two digits and some day in one digit (how Ausgrid's CSV files and the
 * Australian short date write them; no month-first convention writes {@code 1/07/2012}). Dates that read the same
 * both ways ({@code 3/3/2012}) decide nothing and need nothing decided.
 */
final class SlashDates {

    private static final Pattern SLASH = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern DOCUMENTED = Pattern.compile("[1-9]?\\d/\\d\\d/\\d{4}");

    /** The order of the first two fields. */
    enum Order {
        DAY_FIRST("day first (d/mm/yyyy)"), MONTH_FIRST("month first (m/dd/yyyy)");

        private final String text;

        Order(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Where one piece of evidence was seen. */
    private record Seen(String text, long line) {
    }

    /**
     * The decided order, with the reason given in the report.
     *
     * @param order    the order
     * @param reason   why, naming a date and its line
     * @param inferred false when no date reads differently in the other order (nothing had to be decided)
     */
    record Decision(Order order, String reason, boolean inferred) {
    }

    private final String file;
    private final String column;
    private final boolean documentedDayFirst;
    private Seen dayFirst;
    private Seen monthFirst;
    private Seen undecided;
    private Seen oneDigitDay;
    private boolean allDocumented = true;
    private int count;
    private Decision decision;

    /**
     * @param file               the file name, for messages
     * @param column             the column description, for messages (e.g. "column 5 (date)")
     * @param documentedDayFirst whether the layout documents {@code d/mm/yyyy} (Ausgrid)
     */
    SlashDates(String file, String column, boolean documentedDayFirst) {
        this.file = file;
        this.column = column;
        this.documentedDayFirst = documentedDayFirst;
    }

    /**
     * Whether a text is a slash date (its fields are not checked against the calendar).
     *
     * @param text the text
     * @return true for {@code d/m/yyyy}-shaped text
     */
    static boolean isSlashDate(String text) {
        return SLASH.matcher(text).matches();
    }

    /**
     * Records a date of the file.
     *
     * @param text the date, {@code a/b/yyyy}
     * @param line its line
     * @throws DataFormatException if the text is not a slash date, or a field is 0 or above 31
     */
    void note(String text, long line) throws DataFormatException {
        Matcher m = SLASH.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a slash date: " + text);
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) {
            throw new DataFormatException(file, line, column + " '" + text + "' is not a calendar date");
        }
        count++;
        if (a > 12 && dayFirst == null) {
            dayFirst = new Seen(text, line);
        } else if (b > 12 && monthFirst == null) {
            monthFirst = new Seen(text, line);
        } else if (a <= 12 && b <= 12 && a != b && undecided == null) {
            undecided = new Seen(text, line);
        }
        if (!DOCUMENTED.matcher(text).matches()) {
            allDocumented = false;
        } else if (m.group(1).length() == 1 && oneDigitDay == null) {
            oneDigitDay = new Seen(text, line);
        }
    }

    /**
     * Decides the order from every date noted.
     *
     * @return the order and why, or empty if no date was noted
     * @throws DataFormatException if the dates contradict each other or leave the order open
     */
    Optional<Decision> decide() throws DataFormatException {
        if (count == 0) {
            return Optional.empty();
        }
        if (dayFirst != null && monthFirst != null) {
            throw new DataFormatException(file, monthFirst.line(), "dates mix day-first and month-first order: '"
                    + dayFirst.text() + "' (line " + dayFirst.line() + ") can only be day/month/year, '"
                    + monthFirst.text() + "' (line " + monthFirst.line() + ") only month/day/year");
        }
        if (dayFirst != null) {
            decision = new Decision(Order.DAY_FIRST, "'" + dayFirst.text() + "' on line " + dayFirst.line()
                    + " can only be day/month/year", true);
        } else if (monthFirst != null) {
            decision = new Decision(Order.MONTH_FIRST, "'" + monthFirst.text() + "' on line " + monthFirst.line()
                    + " can only be month/day/year", true);
        } else if (undecided == null) {
            // Every date has equal day and month: both orders give the same dates.
            decision = new Decision(Order.DAY_FIRST, "every date reads the same in either order",
                    false);
        } else if (documentedDayFirst && allDocumented && oneDigitDay != null) {
            decision = new Decision(Order.DAY_FIRST, "no date has a field above 12, but every date is written "
                    + "d/mm/yyyy as Ausgrid documents (e.g. '" + oneDigitDay.text() + "' on line "
                    + oneDigitDay.line() + ", month in two digits)", true);
        } else {
            throw new DataFormatException(file, undecided.line(), "the order of day and month is ambiguous: '"
                    + undecided.text() + "' could be " + reading(undecided.text(), Order.DAY_FIRST) + " or "
                    + reading(undecided.text(), Order.MONTH_FIRST) + ", and no date in the file has a day above "
                    + "12 to decide; " + (documentedDayFirst ? "write the dates d/mm/yyyy with the month in two "
                    + "digits (e.g. 6/01/2017 for 6 January) or DDMMMYYYY (06JAN2017)"
                    : "include a day after the 12th (the UCI data set begins on 16/12/2006) so that the order shows"));
        }
        return Optional.of(decision);
    }

    /**
     * Converts a noted date in the decided order.
     *
     * @param text the date
     * @param line its line
     * @return the date
     * @throws DataFormatException if it is not a calendar date in that order (e.g. 31/06/2017)
     */
    LocalDate date(String text, long line) throws DataFormatException {
        if (decision == null) {
            throw new IllegalStateException("decide() first");
        }
        Matcher m = SLASH.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a slash date: " + text);
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        int day = decision.order() == Order.DAY_FIRST ? a : b;
        int month = decision.order() == Order.DAY_FIRST ? b : a;
        if (month > 12) {
            throw new DataFormatException(file, line, column + " '" + text + "' is not a calendar date: there is no "
                    + "month " + month + " (dates are read " + decision.order() + ")");
        }
        YearMonth ym = YearMonth.of(year, month);
        if (day > ym.lengthOfMonth()) {
            throw new DataFormatException(file, line, column + " '" + text + "' is not a calendar date: "
                    + monthName(month) + " " + year + " has " + ym.lengthOfMonth() + " days (dates are read "
                    + decision.order() + ")");
        }
        return ym.atDay(day);
    }

    private static LocalDate parse(String text, Order order) {
        Matcher m = SLASH.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("not a slash date");
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        return order == Order.DAY_FIRST ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b);
    }

    private static String reading(String text, Order order) {
        LocalDate d = parse(text, order);
        return d.getDayOfMonth() + " " + d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + d.getYear();
    }

    /**
     * A month's name, for messages.
     *
     * @param month 1-12
     * @return the English name
     */
    static String monthName(int month) {
        return Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
