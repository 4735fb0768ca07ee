package com.journeyassistant.batch;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresBatchIT extends BatchContract {
}
