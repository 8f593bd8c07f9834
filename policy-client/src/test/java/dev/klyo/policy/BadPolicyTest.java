package dev.klyo.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.klyo.engine.TestPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every file under {@code bad-policies/} is rejected whole, and each expected error names the
 * file, line, column and key and says what is wrong (with a suggestion where one exists).
 */
class BadPolicyTest {

    static final Path DIR = Path.of("src/test/resources/bad-policies");

    /** file, line, column, key, a part of the message that tells the author what to do. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("malformed-yaml.yaml", 5, 43, "", "malformed YAML: expected ',' or ']', but got }"),
                Arguments.of("unknown-top-key.yaml", 2, 1, "rule", "unknown key (did you mean 'rules'?)"),
                Arguments.of("misspelt-rule-key.yaml", 4, 5, "rules[0].efect", "unknown key (did you mean 'effect'?)"),
                Arguments.of("misspelt-rule-key.yaml", 3, 5, "rules[0].effect", "every rule needs an effect"),
                Arguments.of("misspelt-match-key.yaml", 7, 9, "rules[0].match.http.hostz",
                        "unknown key (did you mean 'hosts'?)"),
                Arguments.of("wrong-type-rules.yaml", 3, 3, "rules", "expected a list, found a mapping"),
                Arguments.of("wrong-type-hosts.yaml", 7, 16, "rules[0].match.network.hosts",
                        "expected a list, found a mapping"),
                Arguments.of("missing-id.yaml", 3, 5, "rules[0].id", "every rule needs an id"),
                Arguments.of("missing-effect.yaml", 3, 5, "rules[0].effect",
                        "every rule needs an effect: allow, deny, redact, log or approve"),
                Arguments.of("missing-match.yaml", 3, 5, "rules[0].match", "every rule needs a match"),
                Arguments.of("empty-rule.yaml", 3, 5, "rules[0].id", "every rule needs an id"),
                Arguments.of("empty-rule.yaml", 3, 5, "rules[0].match", "every rule needs a match"),
                Arguments.of("duplicate-ids.yaml", 6, 5, "rules[1].id", "duplicate rule id 'tools'"),
                Arguments.of("two-kinds.yaml", 6, 7, "rules[0].match", "name exactly one action kind"),
                Arguments.of("bad-glob.yaml", 7, 17, "rules[0].match.http.paths", "unclosed '{'"),
                Arguments.of("bad-cidr.yaml", 7, 29, "rules[0].match.network.hosts", "prefix length 33 out of range 0-32"),
                Arguments.of("bad-port.yaml", 8, 22, "rules[0].match.network.ports", "port 70000 is above 65535"),
                Arguments.of("bad-port-range.yaml", 7, 17, "rules[0].match.network.ports",
                        "port range '9000-8000' ends before it starts"),
                Arguments.of("bad-effect.yaml", 4, 13, "rules[0].effect",
                        "'denied' is not an effect; use allow, deny, redact, log, approve (did you mean 'deny'?)"),
                Arguments.of("bad-mode.yaml", 2, 7, "mode", "(did you mean 'observe'?)"),
                Arguments.of("bad-operation.yaml", 8, 28, "rules[0].match.file.operations",
                        "'execute' is not one of read, write, create, delete, list, link, attributes"),
                Arguments.of("bad-method.yaml", 7, 24, "rules[0].match.http.methods", "'FETCH' is not one of"),
                Arguments.of("bad-host.yaml", 7, 17, "rules[0].match.http.hosts",
                        "a wildcard is only allowed as a leading '*.'"),
                Arguments.of("bad-host.yaml", 7, 33, "rules[0].match.http.hosts",
                        "has a port; hosts take none, list it under 'ports:'"),
                Arguments.of("cel-syntax.yaml", 6, 31, "rules[0].when", "CEL: mismatched input '<EOF>'"),
                Arguments.of("cel-undeclared.yaml", 6, 39, "rules[0].when", "CEL: undeclared reference to 'request'"),
                Arguments.of("cel-not-boolean.yaml", 7, 26, "rules[0].when", "CEL: expected type 'bool' but found 'int'"),
                Arguments.of("unknown-detector.yaml", 5, 14, "rules[0].redact",
                        "unknown detector 'emial' (did you mean 'email'?)"),
                Arguments.of("redact-without-detectors.yaml", 3, 5, "rules[0].redact",
                        "a redact rule lists the detectors to apply under 'redact:'"),
                Arguments.of("bad-regex.yaml", 4, 14, "detectors[0].pattern", "bad regular expression: not supported by the linear-time (RE2) engine: missing closing )"),
                Arguments.of("bad-detector.yaml", 6, 14, "detectors[0].entropy",
                        "entropy is in bits per character, between 0 and 16"),
                Arguments.of("unknown-preset.yaml", 2, 9, "preset", "unknown preset 'balance'; expected one of open,"
                        + " balanced, locked-down (did you mean 'balanced'?)"),
                Arguments.of("missing-env.yaml", 7, 17, "rules[0].match.file.paths",
                        "'${KLYO_TEST_UNSET_DIR}' is not set in the environment or system properties"),
                Arguments.of("relative-path.yaml", 7, 17, "rules[0].match.file.paths", "is not absolute"),
                Arguments.of("wrong-version.yaml", 1, 10, "version", "this Klyo reads version 1"),
                Arguments.of("bad-default.yaml", 4, 9, "defaults.tool", "a default is 'allow' or 'deny', not 'redact'"),
                Arguments.of("bad-json.json", 4, 33, "", "malformed JSON: expected ',' or '}'"),
                Arguments.of("unknown-key.json", 4, 60, "rules[0].match.tool.name", "unknown key (did you mean 'names'?)"));
    }

    @ParameterizedTest(name = "{0}:{1}:{2}: {3}")
    @MethodSource("cases")
    void eachBadPolicyIsRejectedWithALocatedError(String file, int line, int column, String key, String message) {
        Path path = DIR.resolve(file);
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> TestPolicies.loader().load(path));
        assertThat(e).as("%s must not load", file).isNotNull();
        assertThat(e.errors()).as("errors of %s", file)
                .anySatisfy(err -> {
                    assertThat(err.file()).isEqualTo(path.toString());
                    assertThat(err.line()).isEqualTo(line);
                    assertThat(err.column()).isEqualTo(column);
                    assertThat(err.key()).isEqualTo(key);
                    assertThat(err.message()).contains(message);
                });
        assertThat(e.getMessage()).contains(path + ":" + line + ":" + column + ": ");
    }

    @Test
    void everyBadPolicyFileHasAnExpectedError() throws Exception {
        List<String> covered = cases().map(a -> (String) a.get()[0]).distinct().toList();
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(covered);
        }
        assertThat(covered).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void oneLoadReportsEveryProblemAndReturnsNoPolicy() {
        String yaml = """
                version: 1
                rules:
                  - id: good
                    effect: allow
                    match: {tool: {names: [search]}}
                  - id: bad-one
                    effect: maybe
                    match: {tool: {names: [x]}}
                  - id: bad-two
                    effect: deny
                    match: {network: {hosts: [300.1.1.1/8]}}
                  - id: good-two
                    effect: deny
                    match: {file: {paths: [/etc/shadow]}}
                """;
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> TestPolicies.loader().parse(yaml, "many.yaml"));
        assertThat(e.errors()).extracting(PolicyError::key)
                .containsExactly("rules[1].effect", "rules[2].match.network.hosts");
        assertThat(e.errors()).extracting(PolicyError::line).containsExactly(7, 11);
    }

    @Test
    void aJsonPolicyIsAccepted() throws Exception {
        Path json = Files.createTempFile("policy", ".json");
        Files.writeString(json, "{\n\t\"version\": 1,\n\t\"name\": \"json\",\n\t\"defaults\": {\"tool\": \"deny\"},\n"
                + "\t\"rules\": [{\"id\": \"search\", \"effect\": \"allow\", \"match\": {\"tool\": {\"names\": [\"search\"]}}}]\n}\n");
        Policy policy = TestPolicies.loader().load(json);
        assertThat(policy.name()).isEqualTo("json");
        assertThat(policy.rules()).extracting(Rule::id).containsExactly("search");
        Files.delete(json);
    }

    @Test
    void aRuleNamingAKindWithNothingAfterItMatchesTheWholeKind() throws Exception {
        Policy policy = TestPolicies.loader().parse("version: 1\nrules:\n  - id: all\n    effect: deny\n    match:\n"
                + "      process:\n", "any.yaml");
        assertThat(policy.rules().get(0).kinds()).containsExactly(dev.klyo.action.ActionKind.PROCESS);
    }

    @Test
    void emptyAndCommentOnlyPoliciesAreRejected() {
        assertThatThrownBy(() -> TestPolicies.loader().parse("# nothing\n", "empty.yaml"))
                .isInstanceOf(PolicyException.class).hasMessage("empty.yaml:1:1: the policy is empty");
    }
}
