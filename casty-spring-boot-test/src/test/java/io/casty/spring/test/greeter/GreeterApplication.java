package io.casty.spring.test.greeter;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service that reaches its cluster's greeter entities through the starter, configured by this
 * module's test application.yml as a user's service would be; the tests give it a test node.
 */
@SpringBootApplication
public class GreeterApplication {

}
