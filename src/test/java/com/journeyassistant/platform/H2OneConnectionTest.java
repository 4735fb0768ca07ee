package com.journeyassistant.platform;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2OneConnectionTest extends OneConnectionContract {
}
