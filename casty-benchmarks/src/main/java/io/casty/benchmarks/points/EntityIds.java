package io.casty.benchmarks.points;

/** The entity ids every system uses: {@code entity-0}, {@code entity-1}, … */
public final class EntityIds {

	private EntityIds() {
	}

	public static String[] of(int entities) {
		String[] ids = new String[entities];
		for (int i = 0; i < entities; i++) {
			ids[i] = "entity-" + i;
		}
		return ids;
	}
}
