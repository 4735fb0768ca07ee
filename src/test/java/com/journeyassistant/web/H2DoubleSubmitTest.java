package com.journeyassistant.web;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2DoubleSubmitTest extends DoubleSubmitContract {
}
