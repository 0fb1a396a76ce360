package io.casty.spring.test;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the test node ({@code casty.test.node.*}). Everything else the node
 * takes from the client's {@code casty.client.*}, so that the two cannot disagree.
 */
@ConfigurationProperties("casty.test.node")
public class CastyTestNodeProperties {

	/**
	 * Classes the test node registers besides the client's message classes: the events and state
	 * of event-sourced entity types, and message classes the application registers in code.
	 */
	private List<Class<?>> messageClasses = new ArrayList<>();

	public List<Class<?>> getMessageClasses() {
		return this.messageClasses;
	}

	public void setMessageClasses(List<Class<?>> messageClasses) {
		this.messageClasses = messageClasses;
	}

}
