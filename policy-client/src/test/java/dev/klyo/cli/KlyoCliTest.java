package dev.klyo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KlyoCliTest {

    static final String DIR = "src/test/resources/cli/";
    static final String POLICY = DIR + "policy.yaml";

    @Test
    void checkAcceptsAValidPolicy() {
        Cli r = Cli.run("check", POLICY);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("ok " + POLICY + " (3 rules, cli-test@");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkRejectsAMalformedPolicyWithFileLineColumnAndKey() {
        Cli r = Cli.run("check", POLICY, DIR + "malformed.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(DIR + "malformed.yaml:4:13: rules[0].effect: 'alow' is not an effect;"
                + " use allow, deny, redact, log, approve (did you mean 'allow'?)");
        assertThat(r.err()).contains("1 of 2 policies invalid");
        assertThat(r.out()).contains("ok " + POLICY);
    }

    @Test
    void checkReportsAMissingFile() {
        Cli r = Cli.run("check", DIR + "nope.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(DIR + "nope.yaml:1:1: cannot read the file: no such file");
    }

    @Test
    void checkExpandsVariablesFromEnvOptions() {
        Cli without = Cli.run("check", "../policy-client/src/test/resources/bad-policies/missing-env.yaml");
        assertThat(without.exitCode()).isEqualTo(1);
        Cli with = Cli.run("check", "--env", "KLYO_TEST_UNSET_DIR=/srv/app",
                "src/test/resources/bad-policies/missing-env.yaml");
        assertThat(with.exitCode()).as(with.err()).isZero();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run().exitCode()).isEqualTo(2);
        assertThat(Cli.run("check").exitCode()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
        Cli missingAction = Cli.run("eval", POLICY);
        assertThat(missingAction.exitCode()).isEqualTo(2);
        assertThat(missingAction.err()).contains("Missing required option: '--action=JSON'");
    }

    @Test
    void evalPrintsTheDecision() {
        Cli r = Cli.run("eval", POLICY, "--action",
                "{\"kind\": \"http\", \"method\": \"GET\", \"url\": \"https://api.example.com/admin/x\"}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("action: http GET https://api.example.com/admin/x")
                .contains("decision: deny").contains("rule: no-admin").contains("message: admin is off limits")
                .doesNotContain("rules considered");
    }

    @Test
    void evalExplainsWhichRulesMatchedAndWhyOthersDidNot() {
        Cli r = Cli.run("eval", POLICY, "--explain", "--action",
                "kind: http\nmethod: POST\nurl: https://api.example.com/v1/items\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("decision: deny").contains("rule: default")
                .contains("no      api (allow): method 'POST' not in [GET]")
                .contains("no      no-admin (deny): path '/v1/items' not in [/admin/**]");
    }

    @Test
    void evalUsesSessionStateAndModeOverride() {
        String tool = "{\"kind\": \"tool\", \"name\": \"search\", \"context\": {\"principal\": \"alice\"}}";
        assertThat(Cli.run("eval", POLICY, "-a", tool, "--session", "{\"calls\": 1}").out()).contains("decision: allow");
        assertThat(Cli.run("eval", POLICY, "-a", tool, "--session", "{\"calls\": 5}").out()).contains("decision: deny");
        assertThat(Cli.run("eval", POLICY, "-a", tool, "--mode", "observe").out())
                .contains("decision: deny (observe only, not enforced)");
    }

    @Test
    void evalRejectsABadAction() {
        Cli r = Cli.run("eval", POLICY, "--action", "{\"kind\": \"http\", \"verb\": \"GET\"}");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("invalid action or session: unknown key 'verb' for a http action");
        Cli noUrl = Cli.run("eval", POLICY, "--action", "{\"kind\": \"http\"}");
        assertThat(noUrl.err()).contains("a http action needs 'url'");
        Cli notJson = Cli.run("eval", POLICY, "--action", "{\"kind\": ");
        assertThat(notJson.exitCode()).isEqualTo(1);
        assertThat(notJson.err()).contains("not valid JSON or YAML");
    }

    @Test
    void evalReadsTheActionFromAFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("action", ".json");
        java.nio.file.Files.writeString(file, "{\"kind\": \"dns\", \"host\": \"api.example.com\"}");
        Cli r = Cli.run("eval", POLICY, "--action", "@" + file);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("decision: allow");
        java.nio.file.Files.delete(file);
    }

    @Test
    void testPassesWhenEveryCaseHolds() {
        Cli r = Cli.run("test", POLICY, DIR + "pass.cases.yaml");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASS reading the API is allowed").contains("PASS search under the call budget")
                .endsWith("4 passed, 0 failed\n");
    }

    @Test
    void testFailsOnAWrongExpectationAndSaysWhy() {
        Cli r = Cli.run("test", POLICY, DIR + "fail.cases.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("PASS reading the API is allowed")
                .contains("FAIL wrongly expects admin to be allowed (" + DIR + "fail.cases.yaml:5:5): "
                        + "expected effect allow, got deny [rule no-admin: admin is off limits]")
                .endsWith("1 passed, 1 failed\n");
    }

    @Test
    void testReportsInvalidCasesAndFails() {
        Cli r = Cli.run("test", POLICY, DIR + "invalid.cases.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(DIR + "invalid.cases.yaml:2:5: cases[0]: missing 'kind'");
        assertThat(r.out()).contains("PASS fine").endsWith("1 passed, 0 failed, 1 invalid\n");
    }

    @Test
    void testWithAnInvalidPolicyFails() {
        Cli r = Cli.run("test", DIR + "malformed.yaml", DIR + "pass.cases.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("malformed.yaml:4:13");
    }

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("check").contains("eval").contains("test");
    }
}
