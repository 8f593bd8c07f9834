package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatorsTest {

    private static boolean valid(Validator v, String value) {
        return v.valid(value, 0, value.length());
    }

    @Test
    void luhnAndCardNetworks() {
        assertThat(Validators.luhn("4539148803436467")).isTrue();
        assertThat(Validators.luhn("4539148803436468")).isFalse();
        assertThat(valid(Validators.PAYMENT_CARD, "378282246310005")).as("Amex, 15 digits").isTrue();
        assertThat(valid(Validators.PAYMENT_CARD, "1234567812345670")).as("Luhn-valid, no network starts with 1").isFalse();
        assertThat(valid(Validators.PAYMENT_CARD, "0000000000000000")).isFalse();
    }

    @Test
    void ibanMod97AndCountryLength() {
        assertThat(Validators.mod97("DE89370400440532013000")).isEqualTo(1);
        assertThat(valid(Validators.IBAN, "GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(valid(Validators.IBAN, "GB82 WEST 1234 5698 7654 33")).as("checksum").isFalse();
        assertThat(valid(Validators.IBAN, "DE8937040044053201300")).as("German IBANs have 22 characters").isFalse();
    }

    @Test
    void ssnRangesThatAreNeverIssued() {
        assertThat(valid(Validators.SSN, "536-22-1234")).isTrue();
        for (String never : new String[] {"000-22-1234", "666-22-1234", "900-22-1234", "536-00-1234", "536-22-0000",
                "078-05-1120"}) {
            assertThat(valid(Validators.SSN, never)).as(never).isFalse();
        }
    }

    @Test
    void ipv6Syntax() {
        for (String ok : new String[] {"::1", "2001:db8::1", "fe80::1ff:fe23:4567:890a", "1:2:3:4:5:6:7:8",
                "::ffff:192.0.2.128"}) {
            assertThat(Validators.isIpv6(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"::", "12:30:45", "00:1A:2B:3C:4D:5E", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1",
                ":1:2:3:4:5:6:7", "::ffff:999.0.2.1"}) {
            assertThat(Validators.isIpv6(bad)).as(bad).isFalse();
        }
    }

    @Test
    void entropyOfRandomAndRepetitiveValues() {
        assertThat(Entropy.shannon("aaaaaaaa")).isZero();
        assertThat(Entropy.shannon("abcdefgh")).isEqualTo(3.0);
        assertThat(Entropy.shannon("Qm3v8Xz1Lk9Tr5Wp2Hn7Bc4Y")).isGreaterThan(4.0);
    }
}
