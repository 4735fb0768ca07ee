package com.journeyassistant.chat;

import com.journeyassistant.support.PostgresBackend;

@PostgresBackend
class PostgresChatIT extends ChatContract {
}
