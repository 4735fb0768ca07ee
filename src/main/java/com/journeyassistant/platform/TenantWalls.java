package com.journeyassistant.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tenant walls on PostgreSQL: once the migrations have run as the configured (owning) user, every
 * connection works as the role {@value #ROLE}, which row-level security binds (migration V27), and
 * says before each statement whose rows it may see ({@link TenantScope}). A query that forgets its
 * workspace filter then finds no other workspace's rows. The embedded H2 default has no row-level
 * security and keeps its application-level scoping only.
 */
@Configuration(proxyBeanMethods = false)
class TenantWalls {

    static final String ROLE = "journey_app";

    private static final Logger log = LoggerFactory.getLogger(TenantWalls.class);

    /** Declared as its own type: Spring orders post-processors by what their factory method says they are. */
    @Bean
    static ScopingPostProcessor tenantScopedDataSource() {
        return new ScopingPostProcessor();
    }

    /** Runs before other wrappers of the data source (the connection budget's), which then count walled connections. */
    static final class ScopingPostProcessor implements BeanPostProcessor, org.springframework.core.Ordered {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                    && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                return new ScopedDataSource(pool);
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }

    /** Migrates as the owner, then walls every connection in. */
    @Bean
    FlywayMigrationStrategy migrateThenWall(DataSource dataSource) {
        return flyway -> {
            flyway.migrate();
            ScopedDataSource scoped = scoped(dataSource);
            if (scoped != null) {
                scoped.wall();
            } else if (postgres(dataSource)) {
                // fail closed: a PostgreSQL service without its walls must not start
                throw new IllegalStateException("The PostgreSQL data source is not walled: the tenant walls' wrapper"
                        + " did not reach it");
            }
        };
    }

    private static boolean postgres(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class)
                    && String.valueOf(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:postgresql:");
        } catch (SQLException e) {
            return false;
        }
    }

    private static ScopedDataSource scoped(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(ScopedDataSource.class) ? dataSource.unwrap(ScopedDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    static final class ScopedDataSource extends DelegatingDataSource {

        /** The scope each pooled connection's session holds, by its physical connection. */
        private final Map<Object, String> sessionScopes = Collections.synchronizedMap(new WeakHashMap<>());
        private volatile boolean walled;

        ScopedDataSource(DataSource pool) {
            super(pool);
        }

        void wall() {
            walled = true;
            try (Connection connection = getConnection();
                 PreparedStatement check = connection.prepareStatement(
                         "select rolsuper or rolbypassrls from pg_roles where rolname = current_user");
                 ResultSet rs = check.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) {
                    throw new IllegalStateException("The database role " + ROLE + " may bypass row-level security;"
                            + " it must not (ALTER ROLE " + ROLE + " NOSUPERUSER NOBYPASSRLS)");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not switch the database connections to the role " + ROLE
                        + ": " + e.getMessage(), e);
            }
            log.info("Tenant walls: PostgreSQL row-level security, the service works as the role {}", ROLE);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return walled ? scoped(super.getConnection()) : super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return walled ? scoped(super.getConnection(username, password)) : super.getConnection(username, password);
        }

        private Connection scoped(Connection pooled) throws SQLException {
            try {
                Object physical = pooled.unwrap(PGConnection.class);
                if (!sessionScopes.containsKey(physical)) {
                    try (PreparedStatement first = pooled.prepareStatement(
                            "select set_config('role', ?, false), set_config('journey.workspace', ?, false)")) {
                        first.setString(1, ROLE);
                        first.setString(2, TenantScope.NO_WORKSPACE);
                        first.execute();
                    }
                    if (!pooled.getAutoCommit()) {
                        pooled.commit();
                    }
                    sessionScopes.put(physical, TenantScope.NO_WORKSPACE);
                }
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, new ScopedConnection(pooled, physical, sessionScopes));
            } catch (SQLException | RuntimeException e) {
                pooled.close();
                throw e;
            }
        }
    }

    /**
     * Sets {@code journey.workspace} before a statement when the thread's scope differs from the
     * connection's: for the session outside transactions, for the transaction inside one (so a
     * rollback cannot leave the session with a scope it does not know).
     */
    private static final class ScopedConnection implements InvocationHandler {

        private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");
        private static final Set<String> TRANSACTION_ENDS = Set.of("commit", "rollback", "setAutoCommit", "close");

        private final Connection pooled;
        private final Object physical;
        private final Map<Object, String> sessionScopes;
        private String transactionScope;

        ScopedConnection(Connection pooled, Object physical, Map<Object, String> sessionScopes) {
            this.pooled = pooled;
            this.physical = physical;
            this.sessionScopes = sessionScopes;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "walled " + pooled;
                default:
                    break;
            }
            if (STATEMENTS.contains(name)) {
                enter(TenantScope.current());
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (TRANSACTION_ENDS.contains(name)) {
                    transactionScope = null;
                }
            }
        }

        private void enter(String scope) throws SQLException {
            String current = transactionScope != null ? transactionScope : sessionScopes.get(physical);
            if (scope.equals(current)) {
                return;
            }
            boolean inTransaction = !pooled.getAutoCommit();
            try (PreparedStatement set = pooled.prepareStatement("select set_config('journey.workspace', ?, ?)")) {
                set.setString(1, scope);
                set.setBoolean(2, inTransaction);
                set.execute();
            }
            if (inTransaction) {
                transactionScope = scope;
            } else {
                sessionScopes.put(physical, scope);
            }
        }
    }
}
