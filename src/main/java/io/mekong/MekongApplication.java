package io.mekong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// the demo merchant acts on a fixed delay (DemoActivity); syncs are scheduled by Quartz, the inbox by a route's timer
@EnableScheduling
public class MekongApplication {

    public static void main(String[] args) {
        SpringApplication.run(MekongApplication.class, args);
    }
}
