package dev.klyo.redact;

import dev.klyo.match.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The checks behind the built-in detectors: checksums (Luhn, IBAN mod-97), number ranges, context. */
final class Validators {

    private Validators() {
    }

    private static final List<String> NOT_SECRET_KEYS = List.of("name", "type", "hint", "count", "_id", "url", "uri",
            "path", "file", "field", "header", "expir", "length", "size", "format", "page", "next", "prev", "usage",
            "limit", "max", "min", "policy", "rotation", "version", "kind", "label", "descr", "prompt", "endpoint",
            "placeholder", "sample", "reset", "strength", "changed", "updated", "created", "enabled", "required");

    private static final Set<String> KNOWN_INVALID_SSNS = Set.of("078051120", "219099999", "123456789");

    private static final Set<String> FILE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "css", "js", "mjs", "map", "woff", "woff2");

    /** IBAN lengths by country (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    /** Not part of a longer decimal or dotted number: no {@code 1.} before it, no {@code .5} after it. */
    static final Validator NOT_IN_DOTTED_NUMBER = (text, start, end) ->
            !(start >= 2 && text.charAt(start - 1) == '.' && isDigit(text.charAt(start - 2)))
                    && !(end + 1 < text.length() && text.charAt(end) == '.' && isDigit(text.charAt(end + 1)));

    static final Validator PAYMENT_CARD = (text, start, end) -> {
        String digits = digits(text, start, end);
        return digits.length() >= 13 && digits.length() <= 19 && !sameDigit(digits) && luhn(digits)
                && cardBrandKnown(digits);
    };

    static final Validator IBAN = (text, start, end) -> {
        String compact = text.substring(start, end).replace(" ", "");
        Integer length = IBAN_LENGTHS.get(compact.substring(0, 2));
        return length != null && compact.length() == length && mod97(compact) == 1;
    };

    static final Validator SSN = (text, start, end) -> {
        String d = digits(text, start, end);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !KNOWN_INVALID_SSNS.contains(d);
    };

    /** North American numbers: neither the area code nor the exchange starts with 0 or 1. */
    static final Validator PHONE = (text, start, end) -> {
        String d = digits(text, start, end);
        if (text.charAt(start) == '+') {
            return d.length() >= 8 && d.length() <= 15;
        }
        return d.length() == 10 && d.charAt(0) >= '2' && d.charAt(3) >= '2';
    };

    /**
     * A dotted quad that is not a version number ("version 1.2.3.4", "1.0.0.0"), nor in
     * 0.0.0.0/8: no host is numbered so, these are versions, OIDs and masks.
     */
    static final Validator IPV4 = (text, start, end) -> {
        if (text.charAt(start) == '0' || text.startsWith(".0.0.0", text.indexOf('.', start))) {
            return false;
        }
        String before = text.substring(Math.max(0, start - 16), start).toLowerCase(Locale.ROOT);
        return !before.contains("version") && !before.endsWith("ver ") && !before.endsWith("v ");
    };

    static final Validator IPV6 = (text, start, end) -> isIpv6(text.substring(start, end));

    /** The first segment decodes to a JSON header naming an algorithm. */
    static final Validator JWT_HEADER = (text, start, end) -> {
        int dot = text.indexOf('.', start);
        try {
            String header = new String(Base64.getUrlDecoder().decode(text.substring(start, dot)), StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    };

    /** Key material between the lines, not a sentence quoting them: 40 or more base64 characters. */
    static final Validator PRIVATE_KEY_BODY = (text, start, end) -> {
        int base64 = 0;
        for (int i = text.indexOf("-----", start + 5) + 5; i < end && base64 < 40; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/') {
                base64++;
            }
        }
        return base64 >= 40;
    };

    /** Template variables and masks that stand in for a value rather than being one. */
    static final Validator NOT_PLACEHOLDER = (text, start, end) -> {
        String v = text.substring(start, end).toLowerCase(Locale.ROOT);
        return !(v.startsWith("${") || v.startsWith("{{") || v.startsWith("<") || v.startsWith("%(")
                || v.startsWith("$(") || v.contains("xxxx") || v.contains("****") || v.contains("example")
                || v.contains("placeholder") || v.contains("redacted") || v.contains("your_") || v.contains("your-"));
    };

    /** At least one character that is not a letter: random secrets are rarely words. */
    static final Validator HAS_DIGIT_OR_SYMBOL = (text, start, end) -> {
        for (int i = start; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    };

    /** Not only digits: counters, ids and timestamps sit under keys like {@code max_tokens}. */
    static final Validator NOT_ONLY_DIGITS = (text, start, end) -> {
        for (int i = start; i < end; i++) {
            if (!isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    };

    /** The top-level domain is not a file extension ({@code icon@2x.png}). */
    static final Validator EMAIL_DOMAIN = (text, start, end) -> {
        String tld = text.substring(text.lastIndexOf('.', end - 1) + 1, end).toLowerCase(Locale.ROOT);
        return !FILE_EXTENSIONS.contains(tld);
    };

    /**
     * Not glued to a longer token: the characters just before and after are neither letters,
     * digits nor one of {@code tokenChars}. Stands in for the {@code \\b} a windowed search
     * cannot see.
     */
    static Validator standalone(String tokenChars) {
        return (text, start, end) -> !(start > 0 && isTokenChar(text.charAt(start - 1), tokenChars))
                && !(end < text.length() && isTokenChar(text.charAt(end), tokenChars));
    }

    /** A number on its own: no letter, digit or joining dash, dot or slash touches it. */
    static Validator standaloneNumber() {
        return standalone("/").and(NOT_IN_DOTTED_NUMBER).and((text, start, end) ->
                !(start >= 2 && text.charAt(start - 1) == '-' && isDigit(text.charAt(start - 2)))
                        && !(end + 1 < text.length() && text.charAt(end) == '-' && isDigit(text.charAt(end + 1))));
    }

    /**
     * The name a generic value is assigned to does not describe something public about a secret
     * ({@code token_type}, {@code max_tokens}, {@code password_hint}, {@code secret_name}).
     */
    static final Validator GENERIC_KEY = (text, start, end) -> {
        int i = start;
        while (i > 0 && " \t\"'`:=>".indexOf(text.charAt(i - 1)) >= 0 && start - i < 8) {
            i--;
        }
        int keyEnd = i;
        while (i > 0 && keyEnd - i < 64 && isKeyChar(text.charAt(i - 1))) {
            i--;
        }
        String key = text.substring(i, keyEnd).toLowerCase(Locale.ROOT);
        for (String word : NOT_SECRET_KEYS) {
            if (key.contains(word)) {
                return false;
            }
        }
        return true;
    };

    static Validator minEntropy(double bits) {
        return (text, start, end) -> Entropy.shannon(text.subSequence(start, end)) >= bits;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters become 10..35, the number mod 97. */
    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int rest = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (isDigit(c)) {
                rest = (rest * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rest = (rest * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return rest;
    }

    /** Issuer prefixes and lengths of the card networks in wide use. */
    static boolean cardBrandKnown(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int six = Integer.parseInt(d.substring(0, 6));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19;                              // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return len == 16;                                                          // Mastercard
        }
        if (two == 34 || two == 37) {
            return len == 15;                                                          // American Express
        }
        if (four == 6011 || two == 65 || (six / 1000 >= 644 && six / 1000 <= 649) || (six >= 622126 && six <= 622925)) {
            return len >= 16 && len <= 19;                                             // Discover
        }
        if (four >= 3528 && four <= 3589) {
            return len >= 16 && len <= 19;                                             // JCB
        }
        if (two == 36 || two == 38 || two == 39 || (six / 1000 >= 300 && six / 1000 <= 305)) {
            return len >= 14 && len <= 19;                                             // Diners Club
        }
        if (two == 62) {
            return len >= 16 && len <= 19;                                             // UnionPay
        }
        return (two == 50 || (two >= 56 && two <= 69)) && len >= 12 && len <= 19;     // Maestro
    }

    /** An IPv6 literal other than the unspecified address {@code ::}, which identifies no one. */
    static boolean isIpv6(String s) {
        return s.indexOf(':') >= 0 && !s.equals("::") && IpAddresses.parse(s) != null;
    }

    private static boolean isTokenChar(char c, String extra) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || extra.indexOf(c) >= 0;
    }

    private static boolean isKeyChar(char c) {
        return isTokenChar(c, "_.-");
    }

    private static String digits(String text, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean sameDigit(String d) {
        return d.chars().allMatch(c -> c == d.charAt(0));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
