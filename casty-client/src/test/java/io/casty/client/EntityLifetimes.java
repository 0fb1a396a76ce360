package io.casty.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every entity's lifetimes, from the START/STOP events of every node process: an entity that
 * never stopped lived until its process ended. Two lifetimes of one entity that overlap mean it
 * ran on two nodes at once.
 */
final class EntityLifetimes {

	record Lifetime(String node, long start, long end) {
	}

	private final Map<String, List<Lifetime>> byEntity = new HashMap<>();

	EntityLifetimes(List<NodeProcess> processes) {
		for (NodeProcess process : processes) {
			Map<String, Long> open = new HashMap<>();
			for (String[] event : process.events()) {
				long at = Long.parseLong(event[3]);
				if (event[0].equals("START")) {
					open.put(event[1], at);
				}
				else if (event[0].equals("STOP") && open.containsKey(event[1])) {
					add(event[1], new Lifetime(process.nodeId(), open.remove(event[1]), at));
				}
			}
			open.forEach((id, start) -> add(id, new Lifetime(process.nodeId(), start, process.endedAtMicros())));
		}
	}

	private void add(String entityId, Lifetime lifetime) {
		byEntity.computeIfAbsent(entityId, id -> new ArrayList<>()).add(lifetime);
	}

	/** How many times entities started, in all. */
	int lifetimes() {
		return byEntity.values().stream().mapToInt(List::size).sum();
	}

	/** How many entities started at least once. */
	int entities() {
		return byEntity.size();
	}

	/** Whether {@code entityId} was running at {@code micros} on one of the processes. */
	boolean runningAt(String entityId, long micros) {
		return byEntity.getOrDefault(entityId, List.of())
			.stream()
			.anyMatch(lifetime -> lifetime.start() <= micros && micros < lifetime.end());
	}

	/** The entities that started after {@code micros}. */
	Set<String> startedAfter(long micros) {
		return byEntity.entrySet()
			.stream()
			.filter(entry -> entry.getValue().stream().anyMatch(lifetime -> lifetime.start() > micros))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	/** One line per pair of overlapping lifetimes. */
	List<String> overlaps() {
		List<String> overlaps = new ArrayList<>();
		byEntity.forEach((id, spans) -> {
			spans.sort(Comparator.comparingLong(Lifetime::start));
			for (int i = 1; i < spans.size(); i++) {
				if (spans.get(i).start() < spans.get(i - 1).end()) {
					overlaps.add(id + ": " + spans.get(i - 1) + " and " + spans.get(i));
				}
			}
		});
		return overlaps;
	}
}
