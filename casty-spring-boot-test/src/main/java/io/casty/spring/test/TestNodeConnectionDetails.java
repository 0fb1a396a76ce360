package io.casty.spring.test;

import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import java.util.List;

/**
 * Points the auto-configured client at the test node, in place of {@code casty.client.system-name}
 * and {@code casty.client.contact-points}.
 */
final class TestNodeConnectionDetails implements CastyClientConnectionDetails {

	private final CastyTestNode node;

	TestNodeConnectionDetails(CastyTestNode node) {
		this.node = node;
	}

	@Override
	public String getSystemName() {
		return this.node.systemName();
	}

	@Override
	public List<Node> getContactPoints() {
		return List.of(new Node(this.node.host(), this.node.port()));
	}

}
