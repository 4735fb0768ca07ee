package com.journeyassistant.analytics;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresAnalyticsIT extends AnalyticsContract {
}
