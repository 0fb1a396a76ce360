package io.casty.spring.health;

import io.casty.topology.Member;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the client's and the node's health details show a member: address, node id, status. */
public final class MemberDetail {

	private MemberDetail() {
	}

	public static Map<String, String> of(Member member) {
		Map<String, String> description = new LinkedHashMap<>();
		description.put("address", member.address().hostPort());
		description.put("nodeId", member.nodeId());
		description.put("status", member.status().name());
		return description;
	}
}
