package io.mekong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// the webhook inbox is processed on a fixed delay (InboxProcessor); syncs are scheduled by Quartz
@EnableScheduling
public class MekongApplication {

    public static void main(String[] args) {
        SpringApplication.run(MekongApplication.class, args);
    }
}
