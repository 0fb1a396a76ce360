package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Kryo's record format (components sorted by name; primitives as their default serializers
 * write them, final types without a class id, other types with one; see docs/protocol.md),
 * written and read through method handles resolved once per class. Kryo's own
 * {@code RecordSerializer} produces the same bytes through reflection, boxing every primitive
 * and checking access on every constructor call: on a node it was most of the decoding time.
 */
final class RecordHandlesSerializer<T> extends ImmutableSerializer<T> {

	private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

	private final Class<T> type;

	/** In wire order. */
	private final Component[] components;

	/** {@code (Object[]) -> Object}: the canonical constructor, arguments in declaration order. */
	private final MethodHandle constructor;

	private RecordHandlesSerializer(Class<T> type, Component[] components, MethodHandle constructor) {
		this.type = type;
		this.components = components;
		this.constructor = constructor;
	}

	/** A serializer for a record class, for use by {@code kryo}; fails if its members cannot be reached. */
	static <T> RecordHandlesSerializer<T> of(Kryo kryo, Class<T> type) {
		try {
			RecordComponent[] declared = type.getRecordComponents();
			Class<?>[] parameterTypes = new Class<?>[declared.length];
			Component[] components = new Component[declared.length];
			for (int i = 0; i < declared.length; i++) {
				parameterTypes[i] = declared[i].getType();
				components[i] = Component.of(kryo, declared[i], i);
			}
			Arrays.sort(components, Comparator.comparing(component -> component.name));
			Constructor<T> canonical = type.getDeclaredConstructor(parameterTypes);
			canonical.setAccessible(true);
			MethodHandle constructor = LOOKUP.unreflectConstructor(canonical)
				.asSpreader(Object[].class, declared.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
			return new RecordHandlesSerializer<>(type, components, constructor);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalArgumentException("Cannot serialize record " + type.getName() + ": " + ex, ex);
		}
	}

	@Override
	public void write(Kryo kryo, Output output, T record) {
		try {
			for (Component component : components) {
				component.write(kryo, output, record);
			}
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// Accessors declare no checked exception; this is for the compiler.
			throw new KryoException("Could not write record " + type.getName() + ": " + ex, ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
		Object[] arguments = new Object[components.length];
		for (Component component : components) {
			arguments[component.index] = component.read(kryo, input);
		}
		try {
			return (T) constructor.invokeExact(arguments);
		}
		catch (Throwable ex) {
			throw new KryoException("Could not construct " + type.getName() + ": " + ex, ex);
		}
	}

	/** One record component: how to read it off the record and how it travels. */
	private abstract static class Component {

		final String name;

		/** Position in the canonical constructor. */
		final int index;

		final MethodHandle accessor;

		Component(RecordComponent component, int index, Class<?> accessorType) throws IllegalAccessException {
			this.name = component.getName();
			this.index = index;
			component.getAccessor().setAccessible(true);
			this.accessor = LOOKUP.unreflect(component.getAccessor())
				.asType(MethodType.methodType(accessorType, Object.class));
		}

		static Component of(Kryo kryo, RecordComponent component, int index) throws IllegalAccessException {
			Class<?> type = component.getType();
			if (type == int.class) {
				return new IntComponent(component, index);
			}
			if (type == long.class) {
				return new LongComponent(component, index);
			}
			if (type.isPrimitive() || kryo.isFinal(type)) {
				// Other primitives are boxed, as Kryo's own record serializer does; they are rare.
				return new FinalTypeComponent(component, index);
			}
			return new AnyTypeComponent(component, index);
		}

		abstract void write(Kryo kryo, Output output, Object record) throws Throwable;

		abstract Object read(Kryo kryo, Input input);
	}

	/** Kryo's int serializer: a zigzag varint. */
	private static final class IntComponent extends Component {

		IntComponent(RecordComponent component, int index) throws IllegalAccessException {
			super(component, index, int.class);
		}

		@Override
		void write(Kryo kryo, Output output, Object record) throws Throwable {
			output.writeVarInt((int) accessor.invokeExact(record), false);
		}

		@Override
		Object read(Kryo kryo, Input input) {
			return input.readVarInt(false);
		}
	}

	/** Kryo's long serializer: a zigzag varlong. */
	private static final class LongComponent extends Component {

		LongComponent(RecordComponent component, int index) throws IllegalAccessException {
			super(component, index, long.class);
		}

		@Override
		void write(Kryo kryo, Output output, Object record) throws Throwable {
			output.writeVarLong((long) accessor.invokeExact(record), false);
		}

		@Override
		Object read(Kryo kryo, Input input) {
			return input.readVarLong(false);
		}
	}

	/** A final type (String, record, enum, other primitive): no class id. */
	private static final class FinalTypeComponent extends Component {

		private final Class<?> type;

		private final boolean primitive;

		FinalTypeComponent(RecordComponent component, int index) throws IllegalAccessException {
			super(component, index, Object.class);
			this.primitive = component.getType().isPrimitive();
			this.type = primitive ? MethodType.methodType(component.getType()).wrap().returnType() : component.getType();
		}

		@Override
		void write(Kryo kryo, Output output, Object record) throws Throwable {
			Object value = accessor.invokeExact(record);
			if (primitive) {
				kryo.writeObject(output, value);
			}
			else {
				kryo.writeObjectOrNull(output, value, type);
			}
		}

		@Override
		Object read(Kryo kryo, Input input) {
			return primitive ? kryo.readObject(input, type) : kryo.readObjectOrNull(input, type);
		}
	}

	/** Any other type (interfaces such as ActorRef, Object, collections): class id, then value. */
	private static final class AnyTypeComponent extends Component {

		AnyTypeComponent(RecordComponent component, int index) throws IllegalAccessException {
			super(component, index, Object.class);
		}

		@Override
		void write(Kryo kryo, Output output, Object record) throws Throwable {
			kryo.writeClassAndObject(output, accessor.invokeExact(record));
		}

		@Override
		Object read(Kryo kryo, Input input) {
			return kryo.readClassAndObject(input);
		}
	}
}
