package com.journeyassistant.batch;

import java.nio.file.Path;
import java.util.Map;

class PostgresBatchRestartIT extends BatchRestartContract {

    @Override
    Map<String, String> backend(Path dataDir) {
        return Map.of("spring.datasource.url", System.getProperty("journey.test.postgres.url",
                "jdbc:postgresql://127.0.0.1:5432/journey_test?user=postgres"));
    }
}
