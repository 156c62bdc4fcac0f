package io.neighbourgrid.embedded;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A transaction's read-write set, in Fabric's terms: the version of every key it read, every range query with the
 * keys and versions it returned (for phantom-read validation), and its writes (the last write per key).
 */
record RwSet(List<KeyRead> reads, List<RangeRead> rangeReads, List<KeyWrite> writes) {
    RwSet {
        reads = List.copyOf(reads);
        rangeReads = List.copyOf(rangeReads);
        writes = List.copyOf(writes);
    }

    static final RwSet EMPTY = new RwSet(List.of(), List.of(), List.of());

    /** A key read and the version it had ({@code null} when the key did not exist). */
    record KeyRead(String key, Version version) {
        KeyRead {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A range query over [{@code startKey}, {@code endKey}) ({@code endKey} empty: unbounded) and what it returned.
     */
    record RangeRead(String startKey, String endKey, List<KeyRead> results) {
        RangeRead {
            Objects.requireNonNull(startKey, "startKey");
            Objects.requireNonNull(endKey, "endKey");
            results = List.copyOf(results);
        }
    }

    /** A write: a delete, or a new value. */
    record KeyWrite(String key, boolean delete, byte[] value) {
        KeyWrite {
            Objects.requireNonNull(key, "key");
            if (delete) {
                value = null;
            } else {
                Objects.requireNonNull(value, "value");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyWrite w && key.equals(w.key) && delete == w.delete
                    && Arrays.equals(value, w.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, delete) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "KeyWrite[" + key + (delete ? ", deleted" : ", " + value.length + " bytes") + "]";
        }
    }
}
