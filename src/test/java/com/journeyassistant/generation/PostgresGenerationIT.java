package com.journeyassistant.generation;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresGenerationIT extends GenerationContract {
}
