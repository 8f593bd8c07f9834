package dev.klyo.session;

import java.util.regex.Pattern;

/**
 * The shapes of destination values, shared by scope derivation (what the user named) and
 * session facts (what an action targets): the two must read a value identically, because scope
 * is checked by exact comparison.
 */
final class Destinations {

    /** An IBAN-shaped account: country, check digits, 10 to 30 alphanumerics. */
    static final String ACCOUNT = "[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}";
    /** An international phone number as people write it, with spaces, dashes or parentheses. */
    static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ()-]{6,18}[0-9]");

    private Destinations() {
    }

    /** A phone number without its separators, so two spellings of one number compare equal. */
    static String phone(String written) {
        return written.replaceAll("[ ()-]", "");
    }
}
