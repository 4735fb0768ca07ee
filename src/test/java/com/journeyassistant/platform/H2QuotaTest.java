package com.journeyassistant.platform;

import com.journeyassistant.support.H2Backend;

/** Quotas on the embedded default. */
@H2Backend
class H2QuotaTest extends QuotaContract {
}
