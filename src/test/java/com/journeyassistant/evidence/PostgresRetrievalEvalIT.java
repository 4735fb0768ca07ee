package com.journeyassistant.evidence;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresRetrievalEvalIT extends RetrievalEvalContract {
}
