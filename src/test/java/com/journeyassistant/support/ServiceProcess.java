package com.journeyassistant.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service in a process of its own, started from the test classpath, so that a test can kill
 * it the way a crash does ({@code kill -9}: no shutdown hooks, nothing flushed) and start it
 * again on the same data.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the application with these properties and waits until it reports healthy. */
    public static ServiceProcess start(Map<String, String> properties, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> withPort = new java.util.HashMap<>(properties);
        withPort.put("server.port", String.valueOf(port));
        Process process = new ProcessBuilder(command(withPort)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitHealthy();
        return service;
    }

    /** Runs an operator command ({@code workspace create SLUG NAME}, say) as its own process; what it printed. */
    public static String adminCommand(Map<String, String> properties, String... args)
            throws IOException, InterruptedException {
        List<String> command = command(properties);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("the command " + String.join(" ", args) + " failed:\n" + printed);
        }
        return printed;
    }

    /** Creates a workspace as an operator does, with the admin command; its admin key. */
    public static String createWorkspace(Map<String, String> properties, String slug, String name)
            throws IOException, InterruptedException {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("ja_[A-Za-z0-9_-]{40,}").matcher(
                adminCommand(properties, "workspace", "create", slug, name));
        if (!key.find()) {
            throw new AssertionError("the admin command printed no key for workspace " + slug);
        }
        return key.group();
    }

    /** java with the test classpath and the properties as system properties, running the application's main. */
    private static List<String> command(Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("com.journeyassistant.JourneyAssistantApplication");
        return command;
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            org.awaitility.Awaitility.await("the service is healthy").atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("the service exited", () -> !process.isAlive())
                    .until(() -> HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            kill();
            throw new AssertionError(e.getMessage() + ":\n" + tail(), e);
        }
    }

    public int port() {
        return port;
    }

    public Api api(String key) {
        return new Api(port, key);
    }

    /** SIGKILL, as a crash or an OOM killer would: the process gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
