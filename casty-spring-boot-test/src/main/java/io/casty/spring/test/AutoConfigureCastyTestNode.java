package io.casty.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Gives a Spring Boot test a real Casty node in its own JVM: a {@link CastyTestNode} on
 * 127.0.0.1 and a free port, hosting every {@link io.casty.cluster.EntityType} bean of the test
 * context, that the auto-configured {@link io.casty.client.ClusterClient} and
 * {@link io.casty.client.EntityRef} beans reach instead of {@code casty.client.contact-points}.
 * The node starts with the application context (before the client, so that
 * {@code casty.client.startup.mode=fail-fast} works) and stops when it closes; a context cached
 * by the test framework keeps its node for every test class that shares it.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureCastyTestNode
 * class OrderServiceTests { ... }
 * }</pre>
 *
 * <p>See {@link CastyTestNodeAutoConfiguration} for what the node takes from the client's
 * configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("casty.test.node")
public @interface AutoConfigureCastyTestNode {

	/**
	 * Classes the test node registers besides the client's: the events and state of event-sourced
	 * entity types, and message classes the application registers in code. The same as
	 * {@code casty.test.node.message-classes}.
	 * @return the classes
	 */
	Class<?>[] messageClasses() default {};

}
