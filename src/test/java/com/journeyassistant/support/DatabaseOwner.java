package com.journeyassistant.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.core.env.Environment;

/**
 * Maintenance the service's own connections may not do on PostgreSQL, where they work as a role that owns no table
 * (the tenant walls): refreshing the planner's statistics after a test or benchmark has loaded data. Runs on a
 * connection of its own as the configured login, the tables' owner.
 */
public final class DatabaseOwner {

    private DatabaseOwner() {
    }

    public static void execute(Environment environment, String sql) {
        String url = environment.getRequiredProperty("spring.datasource.url");
        try (Connection owner = DriverManager.getConnection(url,
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
             Statement statement = owner.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("As the database owner: " + sql, e);
        }
    }
}
