package io.casty.remote;

import io.casty.actor.NodeAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link TransportListener}s of a transport, told of every peer that comes or goes. */
final class TransportListeners {

	private final List<TransportListener> listeners = new CopyOnWriteArrayList<>();

	void add(TransportListener listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	void associated(NodeAddress peer) {
		listeners.forEach(listener -> listener.associated(peer));
	}

	void disassociated(NodeAddress peer, Throwable cause) {
		listeners.forEach(listener -> listener.disassociated(peer, cause));
	}
}
