package com.journeyassistant.support;

import com.journeyassistant.platform.Workspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the API contract suites: the whole application on a random port, a fresh workspace
 * per test. Subclasses pick the back end with {@link H2Backend} or {@link PostgresBackend};
 * suites on the same back end share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "journey.demo.enabled=true",
        "journey.demo.api-key=" + ApiTest.DEMO_KEY,
        "journey.demo.password=" + ApiTest.DEMO_PASSWORD,
        "journey.operator.key=" + ApiTest.OPERATOR_KEY,
        "journey.api.max-request-size=256KB",
        "journey.evidence.max-upload-size=1MB",
        // a request that borrows a second database connection while it holds one fails (ConnectionBudget)
        "journey.db.connection-budget=fail"})
@ExtendWith({OutputCaptureExtension.class, TestScope.class})
public abstract class ApiTest {

    public static final String DEMO_KEY = "demo-key-for-the-contract-tests";
    public static final String DEMO_USER = "demo@trapkracht.example";
    public static final String DEMO_PASSWORD = "demo-password-for-the-tests";
    public static final String OPERATOR_KEY = "operator-key-for-the-contract-tests";

    @LocalServerPort
    protected int port;
    @Autowired
    protected Workspaces workspaces;
    @Autowired
    protected JdbcClient jdbc;

    protected TestWorkspace ws;

    @BeforeEach
    void freshWorkspace() {
        ws = TestWorkspace.create(workspaces, port);
    }
}
