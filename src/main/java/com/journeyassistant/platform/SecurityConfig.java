package com.journeyassistant.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import java.util.List;

/**
 * {@code /api/**} needs an API key; reading needs VIEWER, writing EDITOR, and keys and the
 * brand profile ADMIN. The OpenAPI docs and health are public. Every other path is the web
 * workspace, for people signed in with e-mail and password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the admin command and batch tools run without a web server
class SecurityConfig {

    /** A chain for machines: no sessions, cookies, forms or CSRF tokens, for the paths given. */
    private static HttpSecurity stateless(HttpSecurity http, String paths) {
        return http.securityMatcher(paths)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /** The operator API checks the operator key itself (OperatorController); workspace keys mean nothing there. */
    @Bean
    @Order(0)
    SecurityFilterChain operatorSecurity(HttpSecurity http) {
        stateless(http, "/api/operator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Workspaces workspaces, ProblemWriter problems) {
        stateless(http, "/api/**")
                .addFilterBefore(new ApiKeyAuthenticationFilter(workspaces, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // a streamed answer's later dispatches belong to a request that was authorised already
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/workspaces/*/api-keys", "/api/workspaces/*/api-keys/**").hasRole("ADMIN")
                        .requestMatchers("/api/workspaces/*/audit", "/api/workspaces/*/audit/**").hasRole("ADMIN")
                        .requestMatchers("/api/workspaces/*/usage", "/api/workspaces/*/usage/**").hasRole("ADMIN")
                        // chatting reads; confirming a proposal changes the map, so the controller asks for
                        // EDITOR there, once it knows the conversation is the caller's (anyone else gets 404)
                        .requestMatchers(HttpMethod.POST, "/api/workspaces/*/conversations",
                                "/api/workspaces/*/conversations/*/messages",
                                "/api/workspaces/*/conversations/*/proposals/*/confirm",
                                "/api/workspaces/*/conversations/*/proposals/*/decline").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/stats/**").hasRole("VIEWER")
                        .requestMatchers("/api/workspaces/*/brand-profile").hasRole("ADMIN")
                        .anyRequest().hasRole("EDITOR"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    "Send an API key as Authorization: Bearer <api key>", List.of());
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "Forbidden",
                                "This API key's role may not do this; ask a workspace admin for a key with more rights",
                                List.of())));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicSecurity(HttpSecurity http) {
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The web workspace: people sign in with e-mail and password (form login); the session lives
     * in the database; every form and htmx request carries a CSRF token; the session id changes at
     * sign-in; pages may load scripts and styles from this server only.
     */
    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/invite/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/journeys", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                        .SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Users.passwords();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.EDITOR.name())
                .role(Role.EDITOR.name()).implies(Role.VIEWER.name())
                .build();
    }
}
