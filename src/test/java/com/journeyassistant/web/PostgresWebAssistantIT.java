package com.journeyassistant.web;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresWebAssistantIT extends WebAssistantContract {
}
