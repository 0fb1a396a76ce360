package io.casty.client;

import io.casty.actor.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates {@code host:port} contact points. */
final class ContactPoints {

	private ContactPoints() {
	}

	static List<NodeAddress> parse(String systemName, List<String> contactPoints) {
		if (contactPoints == null || contactPoints.isEmpty()) {
			throw new IllegalArgumentException("contactPoints : [] (expected: at least one host:port)");
		}
		List<NodeAddress> addresses = new ArrayList<>();
		for (String contactPoint : contactPoints) {
			addresses.add(NodeAddress.ofHostPort(systemName, contactPoint, "contact point"));
		}
		return List.copyOf(addresses);
	}
}
