package io.casty.sample.loyalty.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The loyalty sample's REST API: adds and reads users' points in a Casty cluster through the
 * Spring Boot starter.
 *
 * <p>{@code java -jar sample-loyalty-api-*.jar} serves on port 8080 against the node at
 * 127.0.0.1:25520; {@code --casty.client.contact-points=…} and {@code --server.port=…} override.
 */
@SpringBootApplication
public class LoyaltyApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoyaltyApiApplication.class, args);
	}

}
