package com.journeyassistant.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Operator commands run from the same jar:
 * <pre>
 *   workspace create SLUG "Display name"     creates a workspace and prints its first admin key
 *   key create SLUG "Key name" ROLE           prints a new key (VIEWER, EDITOR or ADMIN)
 *   workspace list | disable SLUG | enable SLUG, user invite SLUG EMAIL ROLE   (through a running service)
 * </pre>
 * With {@code JOURNEY_URL} and {@code JOURNEY_OPERATOR_KEY} set, they go through the running service's operator API;
 * otherwise the first two open the database themselves, without a web server (the service must not be running on
 * an embedded database, which it holds).
 */
public final class AdminCommand {

    private AdminCommand() {
    }

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("workspace create", "key create",
            "workspace list", "workspace disable", "workspace enable", "user invite");

    public static boolean matches(String[] args) {
        return args.length >= 2 && COMMANDS.contains(args[0] + " " + args[1]);
    }

    /** Runs the command and returns the process exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        return run(application, args, out, System.getenv("JOURNEY_URL"), System.getenv("JOURNEY_OPERATOR_KEY"));
    }

    static int run(Class<?> application, String[] args, PrintStream out, String serviceUrl, String operatorKey) {
        if (serviceUrl != null && !serviceUrl.isBlank()) {
            if (operatorKey == null || operatorKey.isBlank()) {
                out.println("error: JOURNEY_URL is set, so JOURNEY_OPERATOR_KEY must be too (the service's operator key)");
                return 1;
            }
            int exit = new OperatorClient(serviceUrl, operatorKey).run(args, out);
            return exit >= 0 ? exit : usage(out);
        }
        if (!args[1].equals("create")) {
            out.println("error: '" + args[0] + " " + args[1] + "' works through a running service: set JOURNEY_URL"
                    + " (such as http://localhost:8080) and JOURNEY_OPERATOR_KEY");
            return 1;
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(java.util.Map.of("journey.demo.enabled", "false", "spring.main.banner-mode", "off",
                "logging.level.root", "WARN", "logging.level.org.springframework.boot.SpringApplication", "OFF",
                "logging.level.com.zaxxer.hikari", "OFF"));
        try (ConfigurableApplicationContext context = app.run()) {
            return TenantScope.acrossWorkspaces("the command line", () -> execute(context.getBean(Workspaces.class), args,
                    out));
        } catch (RuntimeException e) {
            if (inUse(e)) {
                out.println("error: the database is in use by a running service; stop it, or let this command go"
                        + " through it: set JOURNEY_URL (such as http://localhost:8080) and JOURNEY_OPERATOR_KEY");
                return 1;
            }
            throw e;
        }
    }

    /** The embedded database is held by another process (H2's "Database may be already in use"). */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private static int usage(PrintStream out) {
        out.println("usage: workspace create SLUG \"Display name\" | workspace list | workspace disable SLUG |"
                + " workspace enable SLUG | key create SLUG \"Key name\" VIEWER|EDITOR|ADMIN | user invite SLUG EMAIL ROLE");
        return 2;
    }

    public static int execute(Workspaces workspaces, String[] args, PrintStream out) {
        try {
            if (args[0].equals("workspace") && args.length == 4) {
                Workspaces.Workspace workspace = workspaces.create(args[2], args[3]);
                Workspaces.IssuedKey key = workspaces.issueKey(workspace.id(), "admin (created by command)", Role.ADMIN);
                out.println("Created workspace " + workspace.slug() + " (" + workspace.name() + ")");
                out.println("Admin API key (shown once): " + key.secret());
                return 0;
            }
            if (args[0].equals("key") && args.length == 5) {
                Workspaces.Workspace workspace = workspaces.findBySlug(args[2])
                        .orElseThrow(() -> ApiProblemException.notFound("Workspace", args[2]));
                Role role = Role.valueOf(args[4].toUpperCase(Locale.ROOT));
                Workspaces.IssuedKey key = workspaces.issueKey(workspace.id(), args[3], role);
                out.println(role + " API key for " + workspace.slug() + " (shown once): " + key.secret());
                return 0;
            }
            out.println("usage: workspace create SLUG \"Display name\" | key create SLUG \"Key name\" VIEWER|EDITOR|ADMIN");
            return 2;
        } catch (ApiProblemException e) {
            out.println("error: " + e.getMessage() + e.errors().stream().map(f -> " (" + f.field() + ": " + f.message() + ")").reduce("", String::concat));
            return 1;
        } catch (IllegalArgumentException e) {
            out.println("error: role must be one of " + Arrays.toString(Role.values()));
            return 1;
        }
    }
}
