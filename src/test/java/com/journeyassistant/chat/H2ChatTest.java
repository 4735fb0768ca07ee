package com.journeyassistant.chat;

import com.journeyassistant.support.H2Backend;

@H2Backend
class H2ChatTest extends ChatContract {
}
