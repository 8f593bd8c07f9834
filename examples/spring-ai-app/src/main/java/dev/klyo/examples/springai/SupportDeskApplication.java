package dev.klyo.examples.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A support-desk assistant on Spring Boot and Spring AI, governed by the Klyo starter from
 * application.properties alone. The model is scripted, so it runs offline without an API key.
 */
@SpringBootApplication
public class SupportDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupportDeskApplication.class, args).close();
    }
}
