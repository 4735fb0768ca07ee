package com.journeyassistant.journey;

import com.journeyassistant.support.PostgresBackend;

/** The journey-map API contract on PostgreSQL. */
@PostgresBackend
class PostgresJourneyApiIT extends JourneyApiContract {
}
