package io.casty.remote;

import io.casty.actor.NodeAddress;
import java.util.Optional;

/**
 * A node refused the connection because it belongs to another system than the one this side
 * asked for: no attempt at that address can succeed until one of the two names changes.
 */
public class SystemNameMismatchException extends HandshakeException {

	private static final String ASKED_FOR = " asked for system '";

	private static final String BUT_THIS_IS = "', but this is '";

	private static final String CHECK = "'; check the system name it was configured with";

	private final NodeAddress node;

	private final String systemName;

	private final String nodeSystemName;

	/**
	 * @param node the node, as dialled
	 * @param systemName the system this side asked for, its own
	 * @param nodeSystemName the system the node belongs to
	 */
	public SystemNameMismatchException(NodeAddress node, String systemName, String nodeSystemName) {
		super(node.hostPort() + " refused the connection: it is a node of system '" + nodeSystemName + "', not '"
				+ systemName + "'; give every node and client the same system name (casty.node.system-name, "
				+ "casty.client.system-name)");
		this.node = node;
		this.systemName = systemName;
		this.nodeSystemName = nodeSystemName;
	}

	/** The node, as dialled. */
	public NodeAddress node() {
		return node;
	}

	/** The system this side asked for, its own. */
	public String systemName() {
		return systemName;
	}

	/** The system the node belongs to. */
	public String nodeSystemName() {
		return nodeSystemName;
	}

	/** The reason a node's Reject gives (documented in docs/protocol.md, read back by {@link #fromReject}). */
	static String rejectReason(NodeAddress peer, String nodeSystemName) {
		return "peer " + peer + ASKED_FOR + peer.system() + BUT_THIS_IS + nodeSystemName + CHECK;
	}

	/**
	 * The mismatch a Reject reports, if its reason is the one {@link #rejectReason} wrote for
	 * this side's Hello. The Reject carries text only, and that text is part of the protocol.
	 *
	 * @param self this side's address, as its Hello declared it
	 */
	static Optional<SystemNameMismatchException> fromReject(NodeAddress node, NodeAddress self, String reason) {
		String prefix = "peer " + self + ASKED_FOR + self.system() + BUT_THIS_IS;
		// A reason cut short (the node truncates long ones) no longer ends with CHECK: not recognised.
		if (reason.length() <= prefix.length() + CHECK.length() || !reason.startsWith(prefix)
				|| !reason.endsWith(CHECK)) {
			return Optional.empty();
		}
		return Optional.of(new SystemNameMismatchException(node, self.system(),
				reason.substring(prefix.length(), reason.length() - CHECK.length())));
	}
}
