package com.journeyassistant.platform;

import com.journeyassistant.support.H2Backend;

/** The audit trail on the embedded default. */
@H2Backend
class H2AuditTest extends AuditContract {
}
