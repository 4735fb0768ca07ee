package com.journeyassistant.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Time: background work on a timer (for example the evidence indexer's safety-net poll), and
 * the clock that whatever waits (the model client's circuit breaker) reads, so tests can move it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
