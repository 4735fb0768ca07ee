package com.journeyassistant.web;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresWebWorkspaceIT extends WebWorkspaceContract {
}
