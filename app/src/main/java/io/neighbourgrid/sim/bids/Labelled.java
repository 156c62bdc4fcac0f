package io.neighbourgrid.sim.bids;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An option value that names one constant of an enum. */
interface Labelled {
    /** The option value naming this constant. */
    String label();

    /**
     * The constant an option value names, ignoring case and surrounding blanks.
     *
     * @param type the enum
     * @param text the option value
     * @param what what the value is, for the message
     * @return the constant
     * @throws IllegalArgumentException naming the accepted values
     */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String text, String what) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " must be " + Arrays.stream(type.getEnumConstants())
                .map(Labelled::label).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }
}
