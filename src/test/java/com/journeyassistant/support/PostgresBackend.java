package com.journeyassistant.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a test against PostgreSQL with pgvector ({@code scripts/pgvector-setup.sh} prepares it;
 * {@code -Djourney.test.postgres.url} points elsewhere). There is no skip: an unreachable
 * database fails the context, and so the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = "spring.datasource.url=${journey.test.postgres.url:jdbc:postgresql://127.0.0.1:5432/journey_test?user=postgres}")
public @interface PostgresBackend {
}
