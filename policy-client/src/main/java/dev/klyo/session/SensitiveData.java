package dev.klyo.session;

import java.util.Set;

/** Which detectors' findings label a session, and with what: {@code pii} or {@code secret}, both also {@code sensitive}. */
public final class SensitiveData {

    public static final String SENSITIVE = "sensitive";

    private static final Set<String> PII = Set.of("email", "payment-card", "iban", "phone-number", "us-ssn");
    /** Addresses are everywhere in ordinary data; labelling on them would mark every session sensitive. */
    private static final Set<String> NOT_SENSITIVE = Set.of("ipv4", "ipv6");

    private SensitiveData() {
    }

    /** {@code pii}, {@code secret}, or null for detectors whose findings do not label a session. */
    public static String labelFor(String detectorId) {
        if (NOT_SENSITIVE.contains(detectorId)) {
            return null;
        }
        return PII.contains(detectorId) ? "pii" : "secret";
    }
}
