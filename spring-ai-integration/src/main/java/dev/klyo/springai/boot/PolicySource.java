package dev.klyo.springai.boot;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Loads the policy named by {@code klyo.policy}: a classpath: resource, or a file path or file: URL. */
final class PolicySource {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private PolicySource() {
    }

    static Policy load(String location, ResourceLoader resources) throws IOException, PolicyException {
        if (location.startsWith(CLASSPATH)) {
            Resource resource = resources.getResource(location);
            if (!resource.exists()) {
                throw new IOException("no policy at " + location);
            }
            try (InputStream in = resource.getInputStream()) {
                return new PolicyLoader().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
            }
        }
        Path file = location.startsWith(FILE) ? resources.getResource(location).getFile().toPath() : Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no policy at " + file.toAbsolutePath());
        }
        return new PolicyLoader().load(file);
    }
}
