package com.journeyassistant.support;

import com.journeyassistant.platform.TenantScope;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * A test's own thread looks across workspaces: it sets up workspaces and keys and checks the
 * database directly, which the service's tenant scope (failing closed) would otherwise refuse.
 * What the service does for a caller still runs in the caller's scope, on the service's threads.
 */
public final class TestScope implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extension) throws Throwable {
        across(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                          ExtensionContext extension) throws Throwable {
        across(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                         ExtensionContext extension) throws Throwable {
        across(invocation);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                         ExtensionContext extension) throws Throwable {
        across(invocation);
    }

    private static void across(Invocation<Void> invocation) throws Throwable {
        Throwable[] failure = new Throwable[1];
        TenantScope.acrossWorkspaces("a test", () -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
