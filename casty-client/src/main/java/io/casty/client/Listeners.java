package io.casty.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered {@link ClusterClientListener}s, each called so that one that throws cannot hurt the client. */
final class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<ClusterClientListener> listeners;

	/**
	 * @param configured the application's listeners, called first
	 * @param own the client's own, such as its warnings
	 */
	Listeners(List<ClusterClientListener> configured, ClusterClientListener... own) {
		List<ClusterClientListener> all = new ArrayList<>(configured);
		all.addAll(List.of(own));
		this.listeners = List.copyOf(all);
	}

	void notify(Consumer<ClusterClientListener> event) {
		for (ClusterClientListener listener : listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Cluster client listener {} failed", listener, ex);
			}
		}
	}
}
