package io.neighbourgrid.report;

import java.util.Comparator;

/**
 * The order of home ids in the report's tables: natural order, in which runs of digits compare as numbers, so
 * {@code home-2} comes before {@code home-10} and {@code ausgrid-9-20120701} before {@code ausgrid-12-20120701}.
 * Ids that differ only in leading zeros fall back to plain text order, so the order is total and consistent with
 * {@link String#equals}.
 */
public final class HomeIds {

    /** Natural order of ids. */
    public static final Comparator<String> NATURAL = HomeIds::compare;

    private HomeIds() {
    }

    /**
     * Compares two ids in natural order.
     *
     * @param a an id
     * @param b another id
     * @return negative, zero or positive as {@code a} comes before, with or after {@code b}
     */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** Compares digit runs by value, without overflow for long runs. */
    private static int compareNumbers(String x, String y) {
        String a = stripZeros(x);
        String b = stripZeros(y);
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
