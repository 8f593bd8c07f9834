package dev.klyo.policy;

import java.util.function.UnaryOperator;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in policy paths and test cases: the value from
 * the environment, then from system properties, then the default. One policy then fits every
 * machine it is deployed to, and an unset name without a default is an error, never "".
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** Expands every placeholder; throws {@link IllegalArgumentException} naming an unset one. */
    public static String expand(String text, UnaryOperator<String> environment) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed '${' in '" + text + "'");
            }
            out.append(text, i, start).append(value(text.substring(start + 2, end), environment));
            i = end + 1;
        }
        return out.toString();
    }

    /** The value of one name (with an optional {@code :-default}), or the system property {@code fallbackProperty}. */
    static String value(String placeholder, UnaryOperator<String> environment, String fallbackProperty) {
        int dash = placeholder.indexOf(":-");
        String name = dash < 0 ? placeholder : placeholder.substring(0, dash);
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            value = System.getProperty(fallbackProperty == null ? name : fallbackProperty);
        }
        if ((value == null || value.isEmpty()) && dash >= 0) {
            value = placeholder.substring(dash + 2);
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'${" + name + "}' is not set in the environment or system properties");
        }
        return value;
    }

    private static String value(String placeholder, UnaryOperator<String> environment) {
        return value(placeholder, environment, null);
    }
}
