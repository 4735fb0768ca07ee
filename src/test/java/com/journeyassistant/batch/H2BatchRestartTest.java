package com.journeyassistant.batch;

import java.nio.file.Path;
import java.util.Map;

class H2BatchRestartTest extends BatchRestartContract {

    @Override
    Map<String, String> backend(Path dataDir) {
        return Map.of("journey.data-dir", dataDir.resolve("data").toString());
    }
}
