package dev.klyo.springai.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** IDEs complete klyo.* from the generated metadata: it must list every property, each documented. */
class ConfigurationMetadataTest {

    @Test
    void metadataListsEveryPropertyWithADescription() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the class path").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode p : metadata.get("properties")) {
            listed.add(p.get("name").asText());
            assertThat(p.path("description").asText()).as(p.get("name").asText()).isNotBlank();
        }
        List<String> bound = Arrays.stream(Introspector.getBeanInfo(KlyoProperties.class, Object.class)
                        .getPropertyDescriptors())
                .filter(d -> d.getWriteMethod() != null)
                .map(PropertyDescriptor::getName)
                .map(n -> "klyo." + n.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT))
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(bound)
                .contains("klyo.enabled", "klyo.mode", "klyo.policy", "klyo.audit-file", "klyo.fail-open", "klyo.agent-id");
        List<String> modes = new ArrayList<>();
        for (JsonNode hint : metadata.get("hints")) {
            if (hint.get("name").asText().equals("klyo.mode")) {
                hint.get("values").forEach(v -> modes.add(v.get("value").asText()));
            }
        }
        assertThat(modes).containsExactly("enforce", "observe");
    }
}
