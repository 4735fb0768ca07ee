package com.journeyassistant.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work on a timer (for example the evidence indexer's safety-net poll). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
