package com.journeyassistant;

import com.journeyassistant.platform.AdminCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JourneyAssistantApplication {

    public static void main(String[] args) {
        if (AdminCommand.matches(args)) {
            System.exit(AdminCommand.run(JourneyAssistantApplication.class, args, System.out));
        }
        SpringApplication.run(JourneyAssistantApplication.class, args);
    }
}
