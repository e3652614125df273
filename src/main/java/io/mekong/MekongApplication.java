package io.mekong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MekongApplication {

    public static void main(String[] args) {
        SpringApplication.run(MekongApplication.class, args);
    }
}
