package io.casty.serialization;

import io.casty.actor.ActorRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The allow-list of classes that may cross the wire, each with a stable wire id.
 *
 * <p>A class's id is derived from its fully qualified name (CRC-32, folded into 28 bits), so a
 * client and a node that register the same classes agree on every id in whatever order they
 * registered them, and no hand-numbered ids can drift apart. Two names that fold to the same id
 * are refused when the registry is built. Common JDK collection and array types are always
 * included; message classes (records, enums, classes with the fields they need) are added by
 * the user and by Casty's own protocol.
 */
public final class MessageRegistry {

	/** Ids below this are Kryo's own (primitives and {@code String}). */
	static final int FIRST_ID = 16;

	private static final int ID_SPACE = (1 << 28) - FIRST_ID;

	private static final List<Class<?>> JDK_TYPES = List.of(ArrayList.class, HashMap.class, HashSet.class,
			LinkedHashMap.class, LinkedHashSet.class, TreeMap.class, byte[].class, int[].class, long[].class,
			jdkClass("java.util.ImmutableCollections$List12"),
			jdkClass("java.util.ImmutableCollections$ListN"), jdkClass("java.util.ImmutableCollections$Set12"),
			jdkClass("java.util.ImmutableCollections$SetN"), jdkClass("java.util.ImmutableCollections$Map1"),
			jdkClass("java.util.ImmutableCollections$MapN"));

	private final Map<Integer, Class<?>> classesById;

	private final Map<Integer, Class<?>> formerNamesById;

	private MessageRegistry(Map<Integer, Class<?>> classesById, Map<Integer, Class<?>> formerNamesById) {
		this.classesById = Collections.unmodifiableMap(classesById);
		this.formerNamesById = Collections.unmodifiableMap(formerNamesById);
	}

	/** A builder that already holds the common JDK types. */
	public static Builder builder() {
		return new Builder().register(JDK_TYPES);
	}

	/** The wire id of a class: the same on every JVM for the same class name. */
	public static int wireId(Class<?> type) {
		return wireId(type.getName());
	}

	private static int wireId(String className) {
		CRC32 crc = new CRC32();
		crc.update(className.getBytes(StandardCharsets.UTF_8));
		return FIRST_ID + (int) (crc.getValue() % ID_SPACE);
	}

	/** The registered classes by wire id. */
	public Map<Integer, Class<?>> classesById() {
		return classesById;
	}

	/**
	 * The classes that are read, too, under the wire id of a name they had before they were
	 * renamed (see {@link Builder#registerFormerName}), by that id.
	 */
	public Map<Integer, Class<?>> formerNamesById() {
		return formerNamesById;
	}

	/** A builder holding everything this registry holds, to add more. */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.classesById.putAll(classesById);
		builder.formerNamesById.putAll(formerNamesById);
		return builder;
	}

	/** Collects the allow-list; {@link #build()} makes it immutable. */
	public static final class Builder {

		private final Map<Integer, Class<?>> classesById = new TreeMap<>();

		private final Map<Integer, Class<?>> formerNamesById = new TreeMap<>();

		private Builder() {
		}

		/**
		 * Reads what was written under a class's former name as that class: for a class that
		 * was renamed (or moved to another package) while values written under the old name
		 * still exist, as events in a journal do. The class must also be registered; it is
		 * always written under its current name. Its shape must be the old one's (a record:
		 * the same components).
		 *
		 * @param formerClassName the class's fully qualified name before the rename
		 * @param type the class now
		 * @throws IllegalArgumentException when the former name's wire id is another class's
		 */
		public Builder registerFormerName(String formerClassName, Class<?> type) {
			Objects.requireNonNull(formerClassName, "formerClassName");
			Objects.requireNonNull(type, "type");
			int id = wireId(formerClassName);
			Class<?> existing = formerNamesById.putIfAbsent(id, type);
			if (existing != null && existing != type) {
				throw new IllegalArgumentException("The former name " + formerClassName + " is already read as "
						+ existing.getName() + "; it cannot also be read as " + type.getName());
			}
			return this;
		}

		/** Allows these classes on the wire. */
		public Builder register(Class<?>... types) {
			return register(List.of(types));
		}

		/** Allows these classes on the wire. */
		public Builder register(Iterable<? extends Class<?>> types) {
			for (Class<?> type : types) {
				add(Objects.requireNonNull(type, "type"));
			}
			return this;
		}

		private void add(Class<?> type) {
			if (type.isInterface() || type.isPrimitive()) {
				throw new IllegalArgumentException("Cannot register " + type.getName()
						+ ": register the concrete message classes (records, enums), not interfaces or primitives");
			}
			int id = wireId(type);
			if (id == wireId(ActorRef.class)) {
				throw new IllegalArgumentException("Class " + type.getName() + " has the wire id " + id
						+ " reserved for actor refs; rename it");
			}
			Class<?> existing = classesById.putIfAbsent(id, type);
			if (existing != null && existing != type) {
				throw new IllegalArgumentException("Classes " + existing.getName() + " and " + type.getName()
						+ " have the same wire id " + id + "; rename one of them");
			}
		}

		public MessageRegistry build() {
			formerNamesById.forEach((id, type) -> {
				Class<?> current = classesById.get(id);
				if (current != null) {
					throw new IllegalArgumentException("A former name read as " + type.getName()
							+ " has the wire id of registered class " + current.getName()
							+ "; a class still registered cannot be another's former name");
				}
				if (!classesById.containsValue(type)) {
					throw new IllegalArgumentException("Class " + type.getName()
							+ " has a former name but is not registered itself; register it too");
				}
			});
			return new MessageRegistry(new HashMap<>(classesById), new HashMap<>(formerNamesById));
		}
	}

	private static Class<?> jdkClass(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("JDK class " + name + " not found", ex);
		}
	}

	@Override
	public String toString() {
		return "MessageRegistry[" + classesById.size() + " classes]";
	}
}
