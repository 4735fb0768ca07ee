package com.journeyassistant.analytics;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2AnalyticsTest extends AnalyticsContract {
}
