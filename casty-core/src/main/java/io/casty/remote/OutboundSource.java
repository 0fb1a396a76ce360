package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * The address a node listening on a specific address dials its peers from: that address.
 * Otherwise the kernel picks one by route, and nodes sharing a machine on 127.0.0.2 and
 * 127.0.0.3 would both dial from 127.0.0.1: a firewall rule by source address (a network
 * partition in a test, a policy in production) could not tell them apart.
 */
final class OutboundSource {

	/** Set once bound to a specific local address; null until then, and for a wildcard. */
	private volatile InetAddress source;

	/** The transport listens on {@code address}: dial from it, if it is a specific one. */
	void listeningOn(InetAddress address) {
		source = specificLocalAddress(address);
	}

	/**
	 * The address to dial {@code peer} from. Null, leaving the kernel's choice, for a client or a
	 * wildcard listener, for a peer of the other address family, from a loopback address to a peer
	 * off loopback (which a loopback source cannot reach), and for a peer named by a host name:
	 * this runs on the sending thread, often a network thread, which must not wait for a name
	 * lookup.
	 */
	InetAddress forPeer(NodeAddress peer) {
		InetAddress current = source;
		if (current == null) {
			return null;
		}
		InetAddress target = NetUtil.createInetAddressFromIpAddressString(peer.host());
		if (target == null) {
			return null;
		}
		boolean sameFamily = (current instanceof Inet4Address) == (target instanceof Inet4Address);
		boolean routable = !current.isLoopbackAddress() || target.isLoopbackAddress();
		return sameFamily && routable ? current : null;
	}

	/**
	 * {@code address} if it is a specific address of this machine: a loopback address (all of
	 * 127.0.0.0/8 is, without being listed on an interface) or one of an interface's; null for a
	 * wildcard, or an address bound without being local (a non-local bind).
	 */
	private static InetAddress specificLocalAddress(InetAddress address) {
		if (address.isAnyLocalAddress()) {
			return null;
		}
		if (address.isLoopbackAddress()) {
			return address;
		}
		try {
			return NetworkInterface.getByInetAddress(address) != null ? address : null;
		}
		catch (SocketException ex) {
			return null;
		}
	}
}
