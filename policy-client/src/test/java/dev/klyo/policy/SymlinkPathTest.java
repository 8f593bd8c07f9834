package dev.klyo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.engine.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are written with the paths people know; enforcement points pass canonical paths. Both must meet. */
class SymlinkPathTest {

    @TempDir
    Path dir;

    @Test
    void aRuleThroughASymbolicLinkMatchesTheCanonicalPath() throws Exception {
        Path real = Files.createDirectories(dir.resolve("disk/data"));
        Path link = Files.createSymbolicLink(dir.resolve("data"), real);
        Path env = Files.createDirectories(dir.resolve("env"));
        PolicyEngine engine = new PolicyEngine(new PolicyLoader(name -> name.equals("DATA") ? link.toString() : null)
                .parse("""
                        version: 1
                        rules:
                          - id: via-link
                            effect: deny
                            match: {file: {paths: ["%s/secret/**"]}}
                          - id: via-variable
                            effect: deny
                            match: {file: {paths: ["${DATA}/*.key"]}}
                          - id: via-dots
                            effect: deny
                            match: {file: {paths: ["%s/../../env/.env"]}}
                        """.formatted(link, real), "links.yaml"));
        String canonical = real.toRealPath().toString();
        assertThat(engine.decide(FileAccess.of(canonical + "/secret/a.txt", FileOperation.READ)).ruleId())
                .isEqualTo("via-link");
        assertThat(engine.decide(FileAccess.of(canonical + "/k.key", FileOperation.READ)).ruleId())
                .isEqualTo("via-variable");
        assertThat(engine.decide(FileAccess.of(env.toRealPath() + "/.env", FileOperation.READ)).ruleId())
                .isEqualTo("via-dots");
        assertThat(engine.decide(FileAccess.of(canonical + "/public.txt", FileOperation.READ)).blocked()).isFalse();
    }
}
