package com.journeyassistant.platform;

import java.nio.file.Path;
import java.util.Map;

class H2DurabilityTest extends DurabilityContract {

    @Override
    Map<String, String> backend(Path dataDir) {
        return Map.of("journey.data-dir", dataDir.resolve("data").toString());
    }
}
