package io.neighbourgrid.protocol.contract;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction of a contract that lives in a namespace of the chaincode ({@code ns:function}): the enums of the
 * e-coin, negotiation and partners contracts implement it, each constant carrying its {@link Signature}.
 */
public interface NamespacedTransaction {
    /**
     * A transaction's name, kind and arity.
     *
     * @param namespace    the contract's namespace
     * @param functionName the name inside the namespace
     * @param submit       whether it is submitted (ordered and committed) rather than evaluated
     * @param arity        the number of string arguments
     */
    record Signature(String namespace, String functionName, boolean submit, int arity) {
        public Signature {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(functionName, "functionName");
            if (arity < 0) {
                throw new IllegalArgumentException("arity must be non-negative, got " + arity);
            }
        }
    }

    /** The transaction's signature. */
    Signature signature();

    /** The name inside the namespace. */
    default String functionName() {
        return signature().functionName();
    }

    /** {@code namespace:name}, what clients submit. */
    default String qualifiedName() {
        return signature().namespace() + ":" + signature().functionName();
    }

    /** Whether the transaction is submitted (ordered and committed) rather than evaluated. */
    default boolean submit() {
        return signature().submit();
    }

    /** The number of string arguments. */
    default int arity() {
        return signature().arity();
    }

    /**
     * The transaction of a function name among an enum's constants.
     *
     * @param type the enum
     * @param name a name inside the namespace
     * @param <T>  the enum type
     * @return its constant, or empty
     */
    static <T extends Enum<T> & NamespacedTransaction> Optional<T> byName(Class<T> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(t -> t.functionName().equals(name)).findFirst();
    }
}
