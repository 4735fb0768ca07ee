package com.journeyassistant.journey;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the embedded default: H2 in a file under a fresh data folder. */
class H2JourneyApiTest extends JourneyApiContract {

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        registry.add("journey.data-dir", Files.createTempDirectory("journey-h2-")::toString);
    }
}
