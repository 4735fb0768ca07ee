package com.journeyassistant.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Operator commands run from the same jar, without starting the web server:
 * <pre>
 *   workspace create SLUG "Display name"     creates a workspace and prints its first admin key
 *   key create SLUG "Key name" ROLE           prints a new key (VIEWER, EDITOR or ADMIN)
 * </pre>
 */
public final class AdminCommand {

    private AdminCommand() {
    }

    public static boolean matches(String[] args) {
        return args.length >= 2 && (args[0].equals("workspace") || args[0].equals("key")) && args[1].equals("create");
    }

    /** Runs the command and returns the process exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(java.util.Map.of("journey.demo.enabled", "false", "spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext context = app.run()) {
            return execute(context.getBean(Workspaces.class), args, out);
        }
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
