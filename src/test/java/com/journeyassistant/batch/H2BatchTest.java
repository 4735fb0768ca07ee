package com.journeyassistant.batch;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2BatchTest extends BatchContract {
}
