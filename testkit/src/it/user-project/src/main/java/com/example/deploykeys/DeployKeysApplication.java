package com.example.deploykeys;

import java.net.URI;

import org.openkps.client.KpsClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A user's application: it makes deploy keys in KPS. */
@SpringBootApplication
public class DeployKeysApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeployKeysApplication.class, args);
    }

    @Bean
    KpsClient kps(@Value("${kps.endpoint}") URI endpoint, @Value("${kps.token}") String token) {
        return KpsClient.withToken(endpoint, token);
    }
}
