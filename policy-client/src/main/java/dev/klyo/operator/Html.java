package dev.klyo.operator;

/**
 * Escaping for the HTML report. Every value from an audit event passes through here: the log
 * records what an agent was told to do, so a URL or a tool argument may be written by an
 * attacker and must reach the page as text, never as markup.
 */
final class Html {

    private Html() {
    }

    /** Safe as element text and as a quoted attribute value; control and direction characters are shown as escapes. */
    static String text(String value) {
        String s = Terminal.printable(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 32).append(s, 0, i);
            }
            if (out != null) {
                if (replacement == null) {
                    out.append(c);
                } else {
                    out.append(replacement);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
