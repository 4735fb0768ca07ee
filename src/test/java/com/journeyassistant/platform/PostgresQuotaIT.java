package com.journeyassistant.platform;

import com.journeyassistant.support.PostgresBackend;

/** Quotas on PostgreSQL. */
@PostgresBackend
class PostgresQuotaIT extends QuotaContract {
}
