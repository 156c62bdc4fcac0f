package io.neighbourgrid.embedded;

import java.util.Arrays;
import java.util.Objects;

/**
 * The single event a transaction sets (the last {@code setEvent} call wins, as in Fabric).
 *
 * @param name    the event name, never empty
 * @param payload the event payload
 */
public record ChaincodeEvent(String name, byte[] payload) {
    public ChaincodeEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("event name must not be empty");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChaincodeEvent e && name.equals(e.name) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ChaincodeEvent[" + name + ", " + payload.length + " bytes]";
    }
}
