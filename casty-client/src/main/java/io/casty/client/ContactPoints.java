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
			addresses.add(parse(systemName, contactPoint));
		}
		return List.copyOf(addresses);
	}

	static NodeAddress parse(String systemName, String contactPoint) {
		String text = contactPoint == null ? "" : contactPoint.trim();
		int colon = text.lastIndexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw new IllegalArgumentException("contact point : '" + contactPoint + "' (expected: host:port)");
		}
		int port;
		try {
			port = Integer.parseInt(text.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("contact point : '" + contactPoint + "' (expected: host:port, port a number)");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("contact point : '" + contactPoint + "' (expected: port 1-65535)");
		}
		return new NodeAddress(systemName, text.substring(0, colon), port);
	}
}
