package dev.klyo.redact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in detectors, by id (documented in docs/detectors.md). Policies may add their own
 * and allowlist values under {@code detectors:}. Secrets are anchored on their fixed prefixes
 * (keywords), personal data on the characters it cannot do without ({@code @}, digits, colons),
 * so the expressions run on a small part of a body.
 */
public final class Detectors {

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String ASSIGN = "[\"']?[ \\t]{0,3}(?:=|:=|:|=>)[ \\t]{0,3}[\"'`]?";
    private static final int KEY_REACH = 320;

    /** Built-in ids in documentation order: secrets, then personal data. */
    private static final List<String> IDS = List.of(
            "aws-access-key", "aws-secret-key", "github-token", "slack-token", "slack-webhook",
            "anthropic-key", "openai-key", "google-api-key", "stripe-key", "private-key", "jwt",
            "generic-secret", "email", "payment-card", "iban", "phone-number", "us-ssn", "ipv4", "ipv6");

    private static final Map<String, Detector> BUILT_IN = new LinkedHashMap<>();

    static {
        for (String id : IDS) {
            BUILT_IN.put(id, PatternDetector.lazy(id, Detectors::build));
        }
    }

    /**
     * Built-in detector {@code id}, compiled. Each is built on first use: compiling all of them
     * was a third of reading a policy (and of the javaagent's start-up), and most policies use
     * few or none.
     */
    private static PatternDetector build(String id) {
        return switch (id) {
            case "aws-access-key" -> PatternDetector.builder(id, "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}")
                    .prefilter(Prefilter.keywordsAtStart(List.of("akia", "asia", "abia", "acca", "a3t"), 17))
                    .validator(Validators.standalone("").and(Validators.minEntropy(3.0)))
                    .allowlist(Allowlist.of(List.of(), List.of("[A-Z0-9]{4}[A-Z2-7]*EXAMPLE")))
                    .build();
            case "aws-secret-key" -> PatternDetector.builder(id, "(?i:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key"
                            + "|secret[_.-]?access[_.-]?key)" + ASSIGN + "(?P<value>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)")
                    .prefilter(Prefilter.keywordsAtStart(List.of("aws_secret", "aws-secret", "aws.secret", "awssecret",
                            "secret_access_key", "secret-access-key", "secretaccesskey"), 120))
                    .validator(Validators.NOT_PLACEHOLDER.and(Validators.minEntropy(3.5)))
                    .build();
            case "github-token" -> PatternDetector.builder(id,
                            "(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})")
                    .prefilter(Prefilter.keywordsAtStart(List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), 260))
                    .validator(Validators.standalone("_").and(Validators.minEntropy(3.0)))
                    .build();
            case "slack-token" -> PatternDetector.builder(id,
                            "(?:xox[abposre](?:\\.xox[bp])?-[0-9A-Za-z-]{10,}|xapp-[0-9]-[A-Z0-9]{6,}-[0-9]{6,}-[A-Za-z0-9]{20,})")
                    .prefilter(Prefilter.keywordsAtStart(List.of("xox", "xapp-"), 260))
                    .validator(Validators.standalone("-").and(Validators.NOT_PLACEHOLDER).and(Validators.minEntropy(3.0)))
                    .build();
            case "slack-webhook" -> PatternDetector.builder(id, "https?:(?:\\\\?/){2}hooks\\.slack\\.com(?:\\\\?/)"
                            + "(?:services|workflows|triggers)(?:\\\\?/)(?:[A-Za-z0-9_+-]|\\\\?/){20,}")
                    .prefilter(Prefilter.keywords(List.of("hooks.slack.com"), 12, 400))
                    .validator(Validators.NOT_PLACEHOLDER)
                    .build();
            case "anthropic-key" -> PatternDetector.builder(id, "sk-ant-(?:api|admin|sid|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{20,}")
                    .prefilter(Prefilter.keywordsAtStart(List.of("sk-ant-"), 280))
                    .validator(Validators.standalone("_-").and(Validators.minEntropy(3.5)))
                    .build();
            case "openai-key" -> PatternDetector.builder(id, "sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}"
                            + "|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})")
                    .prefilter(Prefilter.keywordsAtStart(List.of("sk-"), 280))
                    .validator(Validators.standalone("_-").and(Validators.minEntropy(3.5)))
                    .build();
            case "google-api-key" -> PatternDetector.builder(id, "AIza[0-9A-Za-z_-]{35}")
                    .prefilter(Prefilter.keywordsAtStart(List.of("aiza"), 40))
                    .validator(Validators.standalone("_-").and(Validators.minEntropy(3.0)))
                    .build();
            case "stripe-key" -> PatternDetector.builder(id, "(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,}")
                    .prefilter(Prefilter.keywordsAtStart(List.of("sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_",
                            "rk_prod_"), 250))
                    .validator(Validators.standalone("_").and(Validators.minEntropy(3.0)))
                    .allowlist(Allowlist.values("sk_test_4eC39HqLyjWDarjtT1zdp7dc"))
                    .build();
            case "private-key" -> PatternDetector.builder(id, "-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
                            + "(?:(?s:.*?)-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
                            + "|(?:(?:\\s|\\\\[nr])+[A-Za-z0-9+/=]{16,})+)")
                    .prefilter(Prefilter.keywordsAtStart(List.of("-----begin"), 65_536))
                    .validator(Validators.PRIVATE_KEY_BODY)
                    .build();
            case "jwt" -> PatternDetector.builder(id, "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*")
                    .prefilter(Prefilter.keywordsAtStart(List.of("eyj"), 16_384))
                    .validator(Validators.standalone("_-").and(Validators.JWT_HEADER))
                    .allowlist(Allowlist.values("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6"
                            + "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"))
                    .build();
            case "generic-secret" -> PatternDetector.builder(id, "(?i:passw(?:or)?d|pwd|secret|token|api[_.-]?key"
                            + "|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credential)[A-Za-z0-9_.-]*"
                            + "[\"']?[ \\t]{0,3}(?:=|:=|:|=>)[ \\t]{0,3}"
                            + "(?:\"(?P<value>[^\"\\s\\\\]{8,})\"|'(?P<value2>[^'\\s\\\\]{8,})'"
                            + "|(?P<value3>[A-Za-z0-9_\\-+/=.~!@#$%^*]{8,}))")
                    .prefilter(Prefilter.keywordsAtStart(List.of("password", "passwd", "pwd", "secret", "token", "api_key",
                            "api-key", "api.key", "apikey", "access_key", "access-key", "accesskey", "auth_key", "authkey",
                            "private_key", "privatekey", "credential"), KEY_REACH))
                    .validator(Validators.GENERIC_KEY.and(Validators.NOT_PLACEHOLDER).and(Validators.NOT_ONLY_DIGITS)
                            .and(Validators.HAS_DIGIT_OR_SYMBOL).and(Validators.minEntropy(2.5)))
                    .kind(PatternDetector.Kind.GENERIC)
                    .build();
            case "email" -> PatternDetector.builder(id, "[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}")
                    .prefilter(Prefilter.emailLocalParts(260))
                    .validator(Validators.standalone("._%+-").and(Validators.EMAIL_DOMAIN))
                    .allowlist(Allowlist.values("git@github.com", "git@gitlab.com", "git@bitbucket.org"))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "payment-card" -> PatternDetector.builder(id, "[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{1,3})??"
                            + "|[0-9]{4}(?:-[0-9]{4}){3}(?:-[0-9]{1,3})??|[0-9]{4}[ -][0-9]{6}[ -][0-9]{4,5}|[0-9]{13,19}")
                    // The decimals of a float are not a card number.
                    .prefilter(Prefilter.numbers((text, start, end, digits, plainDigits, separators, dots) ->
                            plainDigits >= 13, 1, 1, Detectors::mayBeCard, NumberShapes.Shape.CARD))
                    .validator(Validators.standaloneNumber().and(Validators.PAYMENT_CARD))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "iban" -> PatternDetector.builder(id, "[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)")
                    .prefilter(Prefilter.numbers((text, start, end, digits, plainDigits, separators, dots) -> start >= 2
                            && isUpper(text.charAt(start - 1)) && isUpper(text.charAt(start - 2)), 3, 45,
                            Prefilter.WindowTest.ANY, NumberShapes.Shape.IBAN))
                    .retreatAt(" ")
                    .validator(Validators.standalone("").and(Validators.IBAN))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "phone-number" -> PatternDetector.builder(id, "\\+[1-9][0-9]{7,14}"
                            + "|\\+[1-9][0-9]{0,3}(?:[ .-]\\(?[0-9]{1,4}\\)?){1,2}(?:[ .-][0-9]{2,8}){1,4}"
                            + "|\\([2-9][0-9]{2}\\) ?[2-9][0-9]{2}[-. ][0-9]{4}"
                            + "|[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}\\.[2-9][0-9]{2}\\.[0-9]{4}")
                    // International with a plus, else groups of at most four digits with separators.
                    .prefilter(Prefilter.numbers((text, start, end, digits, plainDigits, separators, dots) ->
                            ((separators & Scan.PLUS) != 0 && digits >= 8) || (digits >= 10 && separators != 0), 1, 1,
                            Detectors::mayBePhone, NumberShapes.Shape.PHONE))
                    .retreatAt(" .-")
                    .validator(Validators.standaloneNumber().and(Validators.PHONE))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "us-ssn" -> PatternDetector.builder(id, "[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}")
                    .prefilter(Prefilter.numbers((text, start, end, digits, plainDigits, separators, dots) -> digits >= 9
                            && (separators & (Scan.SPACE | Scan.DASH)) != 0, 1, 1, Detectors::mayBeSsn, NumberShapes.Shape.SSN))
                    .validator(Validators.standaloneNumber().and(Validators.SSN))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "ipv4" -> PatternDetector.builder(id, OCTET + "(?:\\." + OCTET + "){3}")
                    .prefilter(Prefilter.numbers((text, start, end, digits, plainDigits, separators, dots) ->
                            digits >= 4 && dots >= 3, 1, 1, Prefilter.WindowTest.ANY, NumberShapes.Shape.IPV4))
                    .validator(Validators.standaloneNumber().and(Validators.IPV4))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            case "ipv6" -> PatternDetector.builder(id, "[0-9A-Fa-f]*(?::[0-9A-Fa-f]*)+(?:\\.[0-9]+)*")
                    .prefilter(Prefilter.ipv6())
                    .validator(Validators.standalone("_:.").and(Validators.IPV6))
                    .kind(PatternDetector.Kind.PERSONAL)
                    .build();
            default -> throw new IllegalArgumentException("no built-in detector '" + id + "'");
        };
    }

    private Detectors() {
    }

    /**
     * Whether {@code text[start, end)} holds what every phone-number alternative needs: a plus
     * before a digit, an opening parenthesis before a digit, or {@code ddd-ddd-d} / {@code ddd.ddd.d}
     * (a float or a UUID, the bulk of digit runs in a body, has none of these).
     */
    static boolean mayBePhone(String text, int start, int end) {
        for (int p = start; p + 1 < end; p++) {
            char c = text.charAt(p);
            if (c == '+' && isDigit(text.charAt(p + 1), '1')
                    || c == '(' && isDigit(text.charAt(p + 1), '2')
                    || (c == '-' || c == '.') && p > start && p + 5 < end && text.charAt(p + 4) == c
                    && digits(text, p - 1, p) && digits(text, p + 1, p + 4) && digits(text, p + 5, p + 6)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text[start, end)} holds thirteen digits in a row, or a space or dash between
     * four digits on each side followed by the card number's next separator where its groups
     * put one ({@code dddd-dddd-dddd-}, {@code dddd dddddd }).
     */
    static boolean mayBeCard(String text, int start, int end) {
        int inRow = 0;
        for (int p = start; p < end; p++) {
            char c = text.charAt(p);
            inRow = isDigit(c, '0') ? inRow + 1 : 0;
            if (inRow >= 13) {
                return true;
            }
            if ((c == ' ' || c == '-') && p - 4 >= start && p + 7 < end
                    && digits(text, p - 4, p) && digits(text, p + 1, p + 5)
                    && (text.charAt(p + 5) == c && p + 10 < end && text.charAt(p + 10) == c
                    || digits(text, p + 5, p + 7) && (text.charAt(p + 7) == ' ' || text.charAt(p + 7) == '-'))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text[start, end)} holds {@code d-dd-d} or {@code d dd d}, which every SSN contains. */
    static boolean mayBeSsn(String text, int start, int end) {
        for (int p = start + 1; p + 4 < end; p++) {
            char c = text.charAt(p);
            if ((c == '-' || c == ' ') && text.charAt(p + 3) == c
                    && digits(text, p - 1, p) && digits(text, p + 1, p + 3) && digits(text, p + 4, p + 5)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c, char lowest) {
        return c >= lowest && c <= '9';
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i), '0')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static Map<String, Detector> builtIn() {
        return Map.copyOf(BUILT_IN);
    }

    public static Detector builtIn(String id) {
        return BUILT_IN.get(id);
    }

    /** Built-in ids in documentation order: secrets, then personal data. */
    public static List<String> ids() {
        return IDS;
    }
}
