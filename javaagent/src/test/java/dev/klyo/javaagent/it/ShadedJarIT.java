package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** klyo.jar is self-contained and clash-free: every class is relocated except the gate and the CLI entry point. */
class ShadedJarIT {

    @Test
    void everyClassIsRelocatedExceptTheBootstrapGateAndTheCli() throws IOException {
        List<String> unrelocated = new ArrayList<>();
        try (JarFile jar = new JarFile(ForkedJvm.AGENT)) {
            for (var entry : Collections.list(jar.entries())) {
                String name = entry.getName().replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith(".class") && !name.startsWith("dev/klyo/shaded/")
                        && !name.startsWith("dev/klyo/javaagent/bootstrap/") && !name.startsWith("dev/klyo/cli/")) {
                    unrelocated.add(entry.getName());
                }
            }
        }
        assertThat(unrelocated).isEmpty();
    }

    @Test
    void manifestMakesItAnAgentAndACommand() throws IOException {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT)) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.klyo.shaded.klyo.javaagent.KlyoAgent");
            assertThat(m.getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.klyo.shaded.klyo.javaagent.KlyoAgent");
            assertThat(m.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(m.getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            assertThat(m.getMainAttributes().getValue("Main-Class")).isEqualTo("dev.klyo.cli.KlyoCli");
            assertThat(jar.getEntry("dev/klyo/shaded/klyo/javaagent/KlyoAgent.class")).isNotNull();
        }
    }
}
