package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapts {@link CastyClientProperties} to {@link CastyClientConnectionDetails}, validating the
 * values as they are read so that a mistake fails startup with the property's name.
 */
class PropertiesCastyClientConnectionDetails implements CastyClientConnectionDetails {

	private static final String SYSTEM_NAME = "casty.client.system-name";

	private static final String CONTACT_POINTS = "casty.client.contact-points";

	private static final String CONTACT_POINT_ACTION = "Write each contact point as host:port with a port from 1 to "
			+ "65535, for example " + CONTACT_POINTS + "=127.0.0.1:25520.";

	private final CastyClientProperties properties;

	PropertiesCastyClientConnectionDetails(CastyClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getSystemName() {
		String systemName = this.properties.getSystemName();
		if (systemName == null || systemName.isBlank()) {
			throw new InvalidCastyPropertyException(SYSTEM_NAME, SYSTEM_NAME + " is not set.",
					"Set " + SYSTEM_NAME + " to the cluster's system name (the nodes' casty.node.system-name), "
							+ "for example " + SYSTEM_NAME + "=loyalty-cluster.");
		}
		return systemName.trim();
	}

	@Override
	public List<Node> getContactPoints() {
		List<String> contactPoints = this.properties.getContactPoints();
		if (contactPoints == null || contactPoints.isEmpty()) {
			throw new InvalidCastyPropertyException(CONTACT_POINTS,
					CONTACT_POINTS + " is empty, so the client has no cluster node to subscribe at.",
					"Set " + CONTACT_POINTS + " to the host:port of one or more cluster nodes, for example "
							+ CONTACT_POINTS + "=127.0.0.1:25520.");
		}
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < contactPoints.size(); i++) {
			nodes.add(parse(CONTACT_POINTS + "[" + i + "]", contactPoints.get(i)));
		}
		return List.copyOf(nodes);
	}

	private static Node parse(String property, String contactPoint) {
		String text = (contactPoint != null) ? contactPoint.trim() : "";
		int colon = text.lastIndexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw invalid(property, contactPoint, "which is not host:port");
		}
		int port;
		try {
			port = Integer.parseInt(text.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw invalid(property, contactPoint, "whose port is not a number");
		}
		if (port < 1 || port > 65535) {
			throw invalid(property, contactPoint, "whose port is not from 1 to 65535");
		}
		return new Node(text.substring(0, colon), port);
	}

	private static InvalidCastyPropertyException invalid(String property, String value, String problem) {
		return new InvalidCastyPropertyException(property, property + " is '" + value + "', " + problem + ".",
				CONTACT_POINT_ACTION);
	}

}
