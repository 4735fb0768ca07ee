package com.journeyassistant.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Signing in to the web workspace: loads the person behind an e-mail address, and slows down
 * password guessing: after five wrong passwords for an address within fifteen minutes, that
 * address is locked for the rest of those fifteen minutes (right password or not).
 */
@Component
class SignInThrottle implements UserDetailsService {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private record Failures(int count, Instant since) {
    }

    private final Users users;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(Users users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public WorkspaceUser loadUserByUsername(String email) {
        Users.Account account;
        try {
            account = users.account(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        } catch (ApiProblemException notAnAddress) {
            throw new UsernameNotFoundException("not an e-mail address");
        }
        return new WorkspaceUser(account, locked(account.email()));
    }

    private boolean locked(String email) {
        Failures seen = failures.get(email);
        return seen != null && seen.count() >= MAX_FAILURES && clock.instant().isBefore(seen.since().plus(WINDOW));
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String email = String.valueOf(event.getAuthentication().getName()).strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (failures.size() > 10_000) { // guessing at many addresses must not grow this without bound
            failures.values().removeIf(seen -> now.isAfter(seen.since().plus(WINDOW)));
        }
        failures.compute(email, (key, seen) -> seen == null || now.isAfter(seen.since().plus(WINDOW))
                ? new Failures(1, now) : new Failures(seen.count() + 1, seen.since()));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(String.valueOf(event.getAuthentication().getName()).toLowerCase(Locale.ROOT));
    }
}
