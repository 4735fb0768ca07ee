package com.journeyassistant.platform;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresOneConnectionIT extends OneConnectionContract {
}
