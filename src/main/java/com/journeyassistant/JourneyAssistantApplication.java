package com.journeyassistant;

import com.journeyassistant.platform.AdminCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** API keys are the only way in; no user store, so no generated development password either. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class JourneyAssistantApplication {

    public static void main(String[] args) {
        if (AdminCommand.matches(args)) {
            System.exit(AdminCommand.run(JourneyAssistantApplication.class, args, System.out));
        }
        SpringApplication.run(JourneyAssistantApplication.class, args);
    }
}
