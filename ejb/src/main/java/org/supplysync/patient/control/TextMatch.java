package org.supplysync.patient.control;

/**
 * A text criterion as the 4D server reads one: {@code @} is its wildcard, any run of characters, so {@code @jo@}
 * is "contains jo", {@code jo@} "begins with jo"; text without {@code @} must be equal. Case and accents do not matter
 * (the search columns' collation), as in 4D.
 */
public record TextMatch(String text, boolean exact, String parameter) {

    private static final char WILDCARD = '@';
    private static final char ESCAPE = '!';

    public static TextMatch of(String text) {
        if (text.indexOf(WILDCARD) < 0) {
            return new TextMatch(text, true, text);
        }
        StringBuilder pattern = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == WILDCARD) {
                pattern.append('%');
            } else {
                if (c == '%' || c == '_' || c == ESCAPE) {
                    pattern.append(ESCAPE);
                }
                pattern.append(c);
            }
        }
        return new TextMatch(text, false, pattern.toString());
    }

    /** The condition on the column, with one parameter: {@link #parameter()}. */
    public String condition(String column) {
        return exact ? column + " = ?" : column + " like ? escape '" + ESCAPE + "'";
    }
}
