package com.journeyassistant.journey;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API contract on PostgreSQL with pgvector ({@code scripts/pgvector-setup.sh} prepares it).
 * There is no skip: when the database cannot be reached the context fails and so does the build.
 */
class PostgresJourneyApiIT extends JourneyApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getProperty("journey.test.postgres.url",
                "jdbc:postgresql://127.0.0.1:5432/journey_test?user=postgres"));
    }
}
