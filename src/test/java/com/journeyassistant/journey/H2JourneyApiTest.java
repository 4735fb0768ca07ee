package com.journeyassistant.journey;

import com.journeyassistant.support.H2Backend;

/** The journey-map API contract on the embedded default. */
@H2Backend
class H2JourneyApiTest extends JourneyApiContract {
}
