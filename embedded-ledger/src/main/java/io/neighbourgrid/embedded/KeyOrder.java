package io.neighbourgrid.embedded;

import java.util.Comparator;

/**
 * Orders keys by Unicode code point, which is the byte order of their UTF-8 encodings and therefore the order in
 * which Fabric's LevelDB state database returns range and composite-key queries. {@link String#compareTo} compares
 * UTF-16 code units instead and would sort supplementary characters before U+E000..U+FFFF.
 */
final class KeyOrder implements Comparator<String> {
    static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
