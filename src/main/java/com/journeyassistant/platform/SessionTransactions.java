package com.journeyassistant.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's statements run with no workspace. Its tables hold no workspace's rows, and
 * asking for the caller's workspace from inside them meant resolving the signed-in person, which
 * loads the session being read on a second connection: every signed-in request held two, and 16
 * people opening the canvas together drained the pool.
 */
@Configuration(proxyBeanMethods = false)
class SessionTransactions {

    /** The application's own, which Spring Boot would make were it not for the session's one below. */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    /** The name Spring Session's JDBC configuration looks for. */
    @Bean("springSessionTransactionOperations")
    TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return TenantScope.withoutWorkspace(() -> template.execute(action));
            }
        };
    }
}
