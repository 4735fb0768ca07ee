package com.journeyassistant.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} and pins the request to the key's
 * workspace: a path that names another workspace is answered 404, exactly as a workspace
 * that does not exist, so keys cannot probe which workspaces exist.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final Pattern WORKSPACE_PATH = Pattern.compile("^/api/workspaces/([^/]+)(/.*)?$");
    private static final String BEARER = "Bearer ";

    private final Workspaces workspaces;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(Workspaces workspaces, ProblemWriter problems) {
        this.workspaces = workspaces;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CurrentWorkspace> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? workspaces.authenticate(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "The API key is unknown or revoked; send Authorization: Bearer <api key>", List.of());
            return;
        }
        Matcher path = WORKSPACE_PATH.matcher(request.getRequestURI());
        if (path.matches() && !path.group(1).equals(caller.get().slug())) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "Not found",
                    "Workspace " + path.group(1) + " does not exist", List.of());
            return;
        }
        Role role = caller.get().role();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller.get(), null,
                List.of(new SimpleGrantedAuthority(role.authority())));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
