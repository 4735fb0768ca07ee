package com.journeyassistant.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request needs one database connection at a time. One that borrows a second while it holds the
 * first needs two from the pool, and a few dozen such requests at once each wait for a connection
 * the others hold until the pool's time-out: the service stalls for everyone. This watches every
 * borrow made while a request is served, and reports one made while the same thread holds a
 * connection: a warning with where it happened ({@code journey.db.connection-budget=warn}, the
 * default), a refused borrow ({@code fail}, which the tests use), or nothing ({@code off}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBudget {

    enum Mode { OFF, WARN, FAIL }

    private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);
    /** The request the current thread serves, if any. */
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
    /** Connections the current thread holds, counted by the connections themselves as they close. */
    private static final ThreadLocal<AtomicInteger> HELD = ThreadLocal.withInitial(AtomicInteger::new);
    private static final List<String> OVERRUNS = new ArrayList<>();

    /**
     * Wraps the data source after the tenant walls did theirs ({@link Ordered}, which Spring sees
     * because the method declares the post-processor's own type).
     */
    @Bean
    static OrderedPostProcessor connectionBudgetDataSource(Environment environment) {
        String mode = environment.getProperty("journey.db.connection-budget", "warn").strip();
        try {
            return new OrderedPostProcessor(Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("journey.db.connection-budget must be warn, fail or off, not '" + mode + "'");
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> connectionBudgetRequests() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String outer = REQUEST.get();
                REQUEST.set(request.getMethod() + " " + request.getRequestURI());
                try {
                    chain.doFilter(request, response);
                } finally {
                    if (outer == null) {
                        REQUEST.remove();
                    } else {
                        REQUEST.set(outer);
                    }
                }
            }
        });
        // before Spring Session's filter, which reads the session from the database
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The borrows reported since the service started (at most 100), for the tests. */
    static List<String> overruns() {
        synchronized (OVERRUNS) {
            return List.copyOf(OVERRUNS);
        }
    }

    static final class OrderedPostProcessor implements BeanPostProcessor, Ordered {

        private final Mode mode;

        OrderedPostProcessor(Mode mode) {
            this.mode = mode;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof DataSource dataSource && mode != Mode.OFF ? new Watched(dataSource, mode) : bean;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static final class Watched extends DelegatingDataSource {

        private final Mode mode;

        Watched(DataSource target, Mode mode) {
            super(target);
            this.mode = mode;
        }

        @Override
        public Connection getConnection() throws SQLException {
            check();
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            check();
            return counted(super.getConnection(username, password));
        }

        private void check() throws SQLException {
            String request = REQUEST.get();
            if (request == null || HELD.get().get() == 0) {
                return;
            }
            String where = Arrays.stream(new Throwable().getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith("com.journeyassistant")
                            && !frame.getClassName().startsWith(ConnectionBudget.class.getName()))
                    .limit(6).map(StackTraceElement::toString).collect(Collectors.joining(" < "));
            String overrun = request + " borrowed a second database connection while holding one, at " + where;
            synchronized (OVERRUNS) {
                if (OVERRUNS.size() < 100) {
                    OVERRUNS.add(overrun);
                }
            }
            if (mode == Mode.FAIL) {
                throw new SQLException(overrun);
            }
            log.warn(overrun);
        }

        private static Connection counted(Connection connection) {
            AtomicInteger held = HELD.get();
            held.incrementAndGet();
            AtomicBoolean closed = new AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "close":
                                if (closed.compareAndSet(false, true)) {
                                    held.decrementAndGet();
                                }
                                break;
                            default:
                                break;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
