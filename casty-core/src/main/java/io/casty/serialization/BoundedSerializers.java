package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Serializers for the collection types on the allow-list that check a collection's size
 * against the bytes left before allocating for it (see {@link BoundedInput}).
 */
final class BoundedSerializers {

	private BoundedSerializers() {
	}

	/** Installs them as Kryo's defaults for collections and maps, and for the JDK's immutable ones. */
	static void install(Kryo kryo) {
		kryo.addDefaultSerializer(Collection.class, factory(BoundedCollectionSerializer::new));
		kryo.addDefaultSerializer(Map.class, factory(BoundedMapSerializer::new));
		ImmutableList listSerializer = new ImmutableList();
		ImmutableSet setSerializer = new ImmutableSet();
		ImmutableMap mapSerializer = new ImmutableMap();
		kryo.addDefaultSerializer(List.of().getClass(), listSerializer);
		kryo.addDefaultSerializer(List.of(1).getClass(), listSerializer);
		kryo.addDefaultSerializer(Set.of().getClass(), setSerializer);
		kryo.addDefaultSerializer(Set.of(1).getClass(), setSerializer);
		kryo.addDefaultSerializer(Map.of().getClass(), mapSerializer);
		kryo.addDefaultSerializer(Map.of(1, 1).getClass(), mapSerializer);
	}

	/** A new serializer per registered type: collection serializers keep per-type state. */
	private static SerializerFactory<Serializer<?>> factory(Supplier<Serializer<?>> serializers) {
		return new SerializerFactory.BaseSerializerFactory<>() {
			@Override
			public Serializer<?> newSerializer(Kryo kryo, Class type) {
				return serializers.get();
			}
		};
	}

	@SuppressWarnings("rawtypes")
	static final class BoundedCollectionSerializer extends CollectionSerializer<Collection> {

		@Override
		protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
			BoundedInput.checkLength(input, size, "a collection");
			return super.create(kryo, input, type, size);
		}
	}

	@SuppressWarnings("rawtypes")
	static final class BoundedMapSerializer extends MapSerializer<Map> {

		@Override
		protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
			BoundedInput.checkLength(input, size, "a map");
			return super.create(kryo, input, type, size);
		}
	}

	/** Size, then each element with its class. Immutable collections hold no nulls. */
	private static Object[] readElements(Kryo kryo, Input input, int perElement) {
		int size = input.readVarInt(true);
		BoundedInput.checkLength(input, (long) size * perElement, "an immutable collection");
		Object[] elements = new Object[size * perElement];
		for (int i = 0; i < elements.length; i++) {
			elements[i] = kryo.readClassAndObject(input);
		}
		return elements;
	}

	private static final class ImmutableList extends Serializer<List<?>> {

		ImmutableList() {
			super(false, true);
		}

		@Override
		public void write(Kryo kryo, Output output, List<?> list) {
			output.writeVarInt(list.size(), true);
			list.forEach(element -> kryo.writeClassAndObject(output, element));
		}

		@Override
		public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
			return List.of(readElements(kryo, input, 1));
		}
	}

	private static final class ImmutableSet extends Serializer<Set<?>> {

		ImmutableSet() {
			super(false, true);
		}

		@Override
		public void write(Kryo kryo, Output output, Set<?> set) {
			output.writeVarInt(set.size(), true);
			set.forEach(element -> kryo.writeClassAndObject(output, element));
		}

		@Override
		public Set<?> read(Kryo kryo, Input input, Class<? extends Set<?>> type) {
			return Set.of(readElements(kryo, input, 1));
		}
	}

	private static final class ImmutableMap extends Serializer<Map<?, ?>> {

		ImmutableMap() {
			super(false, true);
		}

		@Override
		public void write(Kryo kryo, Output output, Map<?, ?> map) {
			output.writeVarInt(map.size(), true);
			map.forEach((key, value) -> {
				kryo.writeClassAndObject(output, key);
				kryo.writeClassAndObject(output, value);
			});
		}

		@Override
		public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
			Object[] keysAndValues = readElements(kryo, input, 2);
			List<Map.Entry<Object, Object>> entries = new ArrayList<>();
			for (int i = 0; i < keysAndValues.length; i += 2) {
				entries.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
			}
			@SuppressWarnings("unchecked")
			Map.Entry<Object, Object>[] array = entries.toArray(Map.Entry[]::new);
			return Map.ofEntries(array);
		}
	}
}
