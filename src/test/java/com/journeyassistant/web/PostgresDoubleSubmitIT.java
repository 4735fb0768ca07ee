package com.journeyassistant.web;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresDoubleSubmitIT extends DoubleSubmitContract {
}
