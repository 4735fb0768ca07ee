package com.journeyassistant.evidence;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2RetrievalEvalTest extends RetrievalEvalContract {
}
