package com.journeyassistant.generation;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2GenerationTest extends GenerationContract {
}
