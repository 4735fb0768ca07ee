package com.journeyassistant.platform;

import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whose rows the current thread's database work may see, which on PostgreSQL the database itself
 * enforces with row-level security ({@code TenantWalls}). By default that is the authenticated
 * caller's workspace; a request without one sees no workspace's rows; work outside any request
 * (start-up, scheduled and background jobs, the command line) spans workspaces.
 *
 * <p>Code that must look across workspaces on a caller's behalf, such as finding the key or the
 * person signing in, says so with {@link #acrossWorkspaces}. It applies to the statements run
 * inside it, within a transaction too.
 */
public final class TenantScope {

    static final String ALL_WORKSPACES = "*";
    static final String NO_WORKSPACE = "";

    private static final ThreadLocal<String> CHOSEN = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

    private TenantScope() {
    }

    public static <T> T acrossWorkspaces(Supplier<T> work) {
        return within(ALL_WORKSPACES, work);
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
     * Work done for a caller away from their request, such as a batch cell or a chat answer arriving from the model:
     * their workspace's walls hold there too.
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
            // finding the signed-in person means loading their session, from the database (which holds nothing of
            // a workspace); asking again from there would borrow connection after connection
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
            return RequestContextHolder.getRequestAttributes() != null ? NO_WORKSPACE : ALL_WORKSPACES;
        } finally {
            RESOLVING.remove();
        }
    }
}
