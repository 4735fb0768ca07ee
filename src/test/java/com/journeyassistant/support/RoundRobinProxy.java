package com.journeyassistant.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer in miniature for tests, on loopback: each request goes to the next instance in
 * turn. Requests that carry a person's work from one step to the next (form posts and answer
 * streams) take turns among themselves, and so do the rest (pages, scripts, polls): a form's
 * preview and its confirmation, or a message and its answer stream, always reach different
 * instances. Responses are streamed through as they come, so server-sent events stay live.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** Which instance answered a request. */
    public record Served(String method, String path, int instance) {
    }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<URI> instances;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger views = new AtomicInteger();
    private final List<Served> served = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RoundRobinProxy(HttpServer server, List<URI> instances) {
        this.server = server;
        this.instances = instances;
    }

    /** A proxy on a free loopback port in front of the instances listening on {@code ports}. */
    public static RoundRobinProxy start(int... ports) throws IOException {
        List<URI> instances = new ArrayList<>();
        for (int port : ports) {
            instances.add(URI.create("http://127.0.0.1:" + port));
        }
        RoundRobinProxy proxy = new RoundRobinProxy(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
                instances);
        proxy.server.createContext("/", proxy::forward);
        proxy.server.setExecutor(proxy.threads);
        proxy.server.start();
        return proxy;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, in the order they arrived, with the instance that answered it. */
    public List<Served> served() {
        synchronized (served) {
            return List.copyOf(served);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean step = method.equals("POST") || (accept != null && accept.contains("text/event-stream"));
        int instance = Math.floorMod((step ? steps : views).getAndIncrement(), instances.size());
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        served.add(new Served(method, pathAndQuery, instance));
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(instances.get(instance).resolve(pathAndQuery))
                    .timeout(Duration.ofMinutes(2))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, name.equalsIgnoreCase("Location")
                            ? values.stream().map(this::throughProxy).toList() : values);
                }
            });
            long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
            boolean empty = length == 0 || answer.statusCode() == 204 || answer.statusCode() == 304
                    || method.equals("HEAD");
            exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : length > 0 ? length : 0);
            try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    // flushed as it comes: an answer streamed as server-sent events reaches the browser word by word
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away, or the instance did: the exchange closes
        }
    }

    /** An address an instance gave (a redirect built from its own host) as the proxy's. */
    private String throughProxy(String location) {
        URI uri = URI.create(location);
        if (uri.getHost() == null || uri.getPort() == port()) {
            return location;
        }
        boolean anInstance = instances.stream().anyMatch(instance -> instance.getPort() == uri.getPort());
        return anInstance ? "http://localhost:" + port() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) : location;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
