package io.neighbourgrid.report;

/** Escaping of text placed in HTML and SVG. */
final class Html {

    private Html() {
    }

    /**
     * Escapes the five characters with meaning in markup and attribute values.
     *
     * @param text any text
     * @return text safe inside elements and quoted attributes
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
