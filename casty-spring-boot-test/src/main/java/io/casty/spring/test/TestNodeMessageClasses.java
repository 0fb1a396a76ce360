package io.casty.spring.test;

import io.casty.spring.autoconfigure.CastyClientProperties;
import io.casty.spring.autoconfigure.SealedMessageClasses;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes the test node allows on the wire and in its journal: every class the client
 * registers from its properties ({@code casty.client.message-classes} and the records a sealed
 * {@code casty.client.entities.*.message-type} permits), and {@code casty.test.node.message-classes}.
 */
final class TestNodeMessageClasses {

	private TestNodeMessageClasses() {
	}

	static List<Class<?>> of(CastyClientProperties client, CastyTestNodeProperties testNode) {
		Set<Class<?>> classes = new LinkedHashSet<>(client.getMessageClasses());
		client.getEntities().values().forEach((entity) -> {
			if (entity.getMessageType() != null) {
				classes.addAll(SealedMessageClasses.of(entity.getMessageType()));
			}
		});
		classes.addAll(testNode.getMessageClasses());
		return List.copyOf(classes);
	}

}
