package dev.klyo.redact;

/** A check a candidate must pass after its pattern matched: a checksum, a valid range, its context. */
@FunctionalInterface
interface Validator {

    Validator ANY = (text, start, end) -> true;

    /** Whether {@code text[start, end)} is a finding; the surrounding text is there for context. */
    boolean valid(String text, int start, int end);

    default Validator and(Validator next) {
        return (text, start, end) -> valid(text, start, end) && next.valid(text, start, end);
    }
}
