package com.journeyassistant.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** Runs a test against the embedded default: H2 in a file under a fresh temporary data folder. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = "journey.data-dir=${java.io.tmpdir}/journey-test-${random.uuid}")
public @interface H2Backend {
}
