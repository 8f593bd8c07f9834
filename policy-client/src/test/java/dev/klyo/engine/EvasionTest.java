package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import org.junit.jupiter.api.Test;

/** Spellings an attacker would try to step around a deny: each must still be denied. */
class EvasionTest {

    private final PolicyEngine engine = engine("""
            version: 1
            rules:
              - id: metadata
                effect: deny
                match: {network: {hosts: [169.254.169.254, 127.0.0.0/8]}}
              - id: admin
                effect: deny
                match: {http: {hosts: [app.example.com], paths: ["/admin/**"]}}
              - id: internal
                effect: deny
                match: {http: {hosts: ["*.internal.example"]}}
            """);

    @Test
    void ipv4AddressesSpelledTheWayResolversAlsoAccept() {
        for (String host : new String[] {"2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "169.254.43518",
                "0xa9.0xfe.0xa9.0xfe", "169.254.169.254.", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]"}) {
            assertThat(engine.decide(HttpRequest.of("GET", "http://" + host + "/latest/meta-data/")).blocked())
                    .as(host).isTrue();
        }
        assertThat(engine.decide(HttpRequest.of("GET", "http://2130706433:8080/")).blocked()).as("127.0.0.1").isTrue();
        assertThat(engine.decide(HttpRequest.of("GET", "http://017700000001/")).blocked()).as("127.0.0.1 in octal")
                .isTrue();
        assertThat(engine.decide(NetworkConnect.tcp("", "0x7f.1", 80)).blocked()).isTrue();
        assertThat(engine.decide(HttpRequest.of("GET", "http://1.2.3.4/")).blocked()).isFalse();
    }

    @Test
    void encodedAndDotSegmentPaths() {
        for (String path : new String[] {"/admin/users", "/%61dmin/users", "/v1/../admin/users", "/./admin/x",
                "//admin/x", "/public/%2e%2e/admin/x", "/admin", "/x/..%2Fadmin"}) {
            boolean blocked = engine.decide(HttpRequest.of("GET", "https://app.example.com" + path)).blocked();
            if (path.contains("%2F")) {
                // An encoded slash is data to a server, not a separator: "..%2Fadmin" is one odd segment.
                assertThat(blocked).as(path).isFalse();
            } else {
                assertThat(blocked).as(path).isTrue();
            }
        }
        assertThat(engine.decide(HttpRequest.of("GET", "https://app.example.com/administrator")).blocked()).isFalse();
    }

    @Test
    void hostNamesTheUriClassRejectsAreStillMatched() {
        HttpRequest underscore = HttpRequest.of("GET", "http://my_service.internal.example/x");
        assertThat(underscore.host()).isEqualTo("my_service.internal.example");
        assertThat(engine.decide(underscore).blocked()).isTrue();
        HttpRequest withUser = HttpRequest.of("GET", "http://user:pw@bad_host.internal.example:8080/");
        assertThat(withUser.host()).isEqualTo("bad_host.internal.example");
        assertThat(engine.decide(withUser).blocked()).isTrue();
    }

    @Test
    void userInfoDoesNotDisguiseTheHost() {
        assertThat(engine.decide(HttpRequest.of("GET", "http://app.example.com@169.254.169.254/")).blocked()).isTrue();
    }
}
