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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import java.util.List;

/**
 * {@code /api/**} needs an API key; reading needs VIEWER, writing EDITOR, and keys and the
 * brand profile ADMIN. Everything else (OpenAPI docs, health) is public.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the admin command and batch tools run without a web server
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Workspaces workspaces, ProblemWriter problems) {
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(workspaces, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // a streamed answer's later dispatches belong to a request that was authorised already
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/workspaces/*/api-keys", "/api/workspaces/*/api-keys/**").hasRole("ADMIN")
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
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.EDITOR.name())
                .role(Role.EDITOR.name()).implies(Role.VIEWER.name())
                .build();
    }
}
