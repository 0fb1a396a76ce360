package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.remote.SystemNameMismatchException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Follows the configured contact points' refusals of the client's system name, and tells when
 * every one of them refused it on its latest attempt: then no topology can come until the name
 * (or the contact points) are fixed, and a caller waiting for one need not wait any longer.
 */
final class SystemNameRefusals {

	private final String systemName;

	/** In the configured order, without repeats. */
	private final List<NodeAddress> contactPoints;

	/** The latest refusal of each contact point whose latest attempt was refused for the name. */
	private final Map<NodeAddress, SystemNameMismatchException> refused = new HashMap<>();

	private CompletableFuture<SystemNameRefusedException> everyContactPointRefused = new CompletableFuture<>();

	SystemNameRefusals(String systemName, List<NodeAddress> contactPoints) {
		this.systemName = systemName;
		this.contactPoints = List.copyOf(new LinkedHashSet<>(contactPoints));
	}

	/** An attempt at a candidate ended: {@code error} is null when it connected. */
	synchronized void attempted(NodeAddress candidate, Throwable error) {
		if (!contactPoints.contains(candidate)) {
			return;
		}
		if (error instanceof SystemNameMismatchException mismatch) {
			refused.put(candidate, mismatch);
		}
		else {
			refused.remove(candidate);
		}
		if (refused.size() == contactPoints.size()) {
			everyContactPointRefused.complete(new SystemNameRefusedException(systemName, nodeSystemNames()));
		}
		else if (everyContactPointRefused.isDone()) {
			// That answer is out of date: a contact point has since let the client in, or failed otherwise.
			everyContactPointRefused = new CompletableFuture<>();
		}
	}

	/** Completes when every contact point refused the system name on its latest attempt. */
	synchronized CompletableFuture<SystemNameRefusedException> everyContactPointRefused() {
		return everyContactPointRefused;
	}

	private Map<String, String> nodeSystemNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (NodeAddress contactPoint : contactPoints) {
			names.put(contactPoint.hostPort(), refused.get(contactPoint).nodeSystemName());
		}
		return names;
	}
}
