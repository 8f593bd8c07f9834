package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormRedactionTest {

    @Test
    void valuesAreDecodedSearchedAndReEncodedLeavingTheRestAsItWas() {
        String form = "user=maria.garcia%40empresa.es&password=Tr0ub%264dor%263x%21&note=hello+w%C3%B6rld%7E&empty=&flag";
        String redacted = Samples.all().redactForm(form);
        assertThat(redacted).isEqualTo(
                "user=%5BREDACTED%3Aemail%5D&password=%5BREDACTED%3Ageneric-secret%5D&note=hello+w%C3%B6rld%7E&empty=&flag");
        assertThat(URLDecoder.decode(redacted.split("&")[0].split("=")[1], StandardCharsets.UTF_8))
                .isEqualTo("[REDACTED:email]");
    }

    @Test
    void aFindingInTheMiddleOfAValueKeepsItsNeighbours() {
        String form = "q=call+%2B44+20+7946+0958+today&page=2";
        assertThat(Samples.all().redactForm(form)).isEqualTo("q=call+%5BREDACTED%3Aphone-number%5D+today&page=2");
    }

    @Test
    void namesAreNotRedacted() {
        String form = "maria.garcia%40empresa.es=1";
        assertThat(Samples.all().redactForm(form)).isSameAs(form);
    }

    @Test
    void queryStringsWithMultiByteCharactersMapBackExactly() {
        String query = "x=%E6%97%A5%E6%9C%AC+" + Samples.SSN + "+%F0%9F%98%80&y=%ZZ";
        assertThat(Samples.all().redactForm(query)).isEqualTo("x=%E6%97%A5%E6%9C%AC+%5BREDACTED%3Aus-ssn%5D+%F0%9F%98%80&y=%ZZ");
    }
}
