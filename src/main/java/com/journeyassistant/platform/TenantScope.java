package com.journeyassistant.platform;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextScheduledExecutorService;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whose rows the current thread's database work may see, which on PostgreSQL the database itself
 * enforces with row-level security ({@code TenantWalls}). It fails closed: the authenticated
 * caller's workspace, or a scope set explicitly, or no workspace at all. A thread with neither a
 * caller nor a scope (a timer, a pool thread, the command line) sees no rows and writes none.
 *
 * <p>Work that spans workspaces says so by name with {@link #acrossWorkspaces}: start-up, the
 * indexer, clean-ups, the command line, finding the key or person signing in. Work done for a
 * caller on another thread keeps their walls: the service's executors carry the submitting
 * thread's scope to the task ({@link #propagating}, Micrometer's context propagation), and a
 * callback from a thread the service does not own says whose it is with {@link #asCaller}.
 */
public final class TenantScope {

    static final String ALL_WORKSPACES = "*";
    static final String NO_WORKSPACE = "";

    private static final ThreadLocal<String> CHOSEN = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();
    private static final String KEY = "journey.tenant-scope";
    private static final ContextSnapshotFactory SNAPSHOTS;

    static {
        ContextRegistry registry = new ContextRegistry();
        registry.registerThreadLocalAccessor(new ScopeAccessor());
        SNAPSHOTS = ContextSnapshotFactory.builder().contextRegistry(registry).build();
    }

    private TenantScope() {
    }

    /** Work that looks across workspaces, named for the logs ({@code purpose} goes to the MDC key {@code scope}). */
    public static <T> T acrossWorkspaces(String purpose, Supplier<T> work) {
        String outer = MDC.get("scope");
        MDC.put("scope", purpose);
        try {
            return within(ALL_WORKSPACES, work);
        } finally {
            if (outer == null) {
                MDC.remove("scope");
            } else {
                MDC.put("scope", outer);
            }
        }
    }

    public static void acrossWorkspaces(String purpose, Runnable work) {
        acrossWorkspaces(purpose, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Work that touches no workspace's rows, such as Spring Session reading a session: it runs
     * without asking who the caller is, which matters when answering would mean loading that very
     * session on a second connection.
     */
    public static <T> T withoutWorkspace(Supplier<T> work) {
        return within(NO_WORKSPACE, work);
    }

    /**
     * Work done for a caller on a thread the service does not own, such as a chat answer arriving
     * from the model client: their workspace's walls hold there too.
     */
    public static <T> T asCaller(CurrentWorkspace caller, Supplier<T> work) {
        return within(caller.workspaceId().toString(), work);
    }

    public static void asCaller(CurrentWorkspace caller, Runnable work) {
        within(caller.workspaceId().toString(), () -> {
            work.run();
            return null;
        });
    }

    /** An executor whose tasks run in the scope of the thread that submitted them. */
    public static ExecutorService propagating(ExecutorService executor) {
        return ContextExecutorService.wrap(executor, SNAPSHOTS::captureAll);
    }

    public static ScheduledExecutorService propagating(ScheduledExecutorService executor) {
        return ContextScheduledExecutorService.wrap(executor, SNAPSHOTS::captureAll);
    }

    /** For Spring's task executors: each task runs in the scope of the thread that submitted it. */
    public static TaskDecorator propagatingTasks() {
        return task -> {
            ContextSnapshot submitted = SNAPSHOTS.captureAll();
            return () -> {
                try (ContextSnapshot.Scope ignored = submitted.setThreadLocals()) {
                    task.run();
                }
            };
        };
    }

    private static <T> T within(String scope, Supplier<T> work) {
        String outer = CHOSEN.get();
        CHOSEN.set(scope);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CHOSEN.remove();
            } else {
                CHOSEN.set(outer);
            }
        }
    }

    /** The value of the connection setting {@code journey.workspace} for this thread's next statement. */
    static String current() {
        String chosen = CHOSEN.get();
        if (chosen != null) {
            return chosen;
        }
        if (RESOLVING.get() != null) {
            // finding the signed-in person may mean loading their session, which holds nothing of a workspace
            return NO_WORKSPACE;
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            Object principal = authentication == null ? null : authentication.getPrincipal();
            if (principal instanceof CurrentWorkspace caller) {
                return caller.workspaceId().toString();
            }
            if (principal instanceof WorkspaceUser user) {
                return user.workspace().workspaceId().toString();
            }
            return NO_WORKSPACE;
        } finally {
            RESOLVING.remove();
        }
    }

    /** What a task takes along to another thread: the scope its submitter had, resolved. */
    private static final class ScopeAccessor implements ThreadLocalAccessor<String> {

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public String getValue() {
            return current();
        }

        @Override
        public void setValue(String value) {
            CHOSEN.set(value);
        }

        @Override
        public void setValue() {
            CHOSEN.remove();
        }

        @Override
        public void restore(String previousValue) {
            CHOSEN.set(previousValue);
        }
    }
}
