package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.state.ContributionKeys;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a home agent keeps of one window until the window is forgotten: the private inputs it acted on, the exact
 * contribution it submitted (or is about to), and its settlement. Every part is absent until the agent has used it;
 * once the settlement is computed only the settlement is kept ({@link #settled(long, HomeSettlement)}). A selected
 * home's evaluation steps need no state of their own: each is computed again from the ledger and the home's key.
 *
 * @param window       the window
 * @param input        the inputs the agent declared and contributed from, or null
 * @param contribution the exact contribution submitted (or about to be), or null
 * @param keys         the homes whose keys the contribution is under (the selected homes, or with the declaration
 *                     the homes expected to be selected); present exactly when the contribution is
 * @param settlement   this home's settlement, once computed, or null
 */
record WindowState(long window, HomeInput input, String contribution, ContributionKeys keys,
                   HomeSettlement settlement) {
    /** Version byte of {@link #toSecretBytes()}. */
    private static final int VERSION = 3;
    private static final int INPUT = 1;
    private static final int CONTRIBUTION = 2;
    private static final int KEYS = 4;
    private static final int SETTLEMENT = 16;
    private static final int MAX_FIELD = 1 << 22;
    private static final int MAX_ID = 64;
    /** Width of the totals mask M of {@link io.neighbourgrid.market.PackedTotals#shares}. */

    WindowState {
        if (window < 0) {
            throw new IllegalArgumentException("window must be non-negative, got " + window);
        }
        if ((contribution == null) != (keys == null)) {
            throw new IllegalArgumentException("a contribution is kept with the homes whose keys it is under");
        }
    }

    /** Nothing kept yet. */
    static WindowState empty(long window) {
        return new WindowState(window, null, null, null, null);
    }

    /** Only the settlement: what is left of a window once the home has settled it. */
    static WindowState settled(long window, HomeSettlement settlement) {
        return new WindowState(window, null, null, null, Objects.requireNonNull(settlement, "settlement"));
    }

    WindowState withInput(HomeInput in) {
        return new WindowState(window, in, contribution, keys, settlement);
    }

    WindowState withContribution(String body, ContributionKeys under) {
        return new WindowState(window, input, Objects.requireNonNull(body, "contribution"),
                Objects.requireNonNull(under, "keys"), settlement);
    }

    byte[] toSecretBytes() {
        int parts = (input != null ? INPUT : 0) | (contribution != null ? CONTRIBUTION | KEYS : 0)
                | (settlement != null ? SETTLEMENT : 0);
        Bytes.Writer w = new Bytes.Writer(256).u8(VERSION).u64(window).u8(parts);
        if (input != null) {
            w.u64(input.generation()).u64(input.load()).u64(input.battery()).u64(input.preference())
                    .u64(input.epsilon());
        }
        if (contribution != null) {
            w.field(contribution.getBytes(StandardCharsets.UTF_8))
                    .field(keys.responder().getBytes(StandardCharsets.UTF_8))
                    .field(keys.initiator().getBytes(StandardCharsets.UTF_8));
        }
        if (settlement != null) {
            w.field(settlement.role().name().getBytes(StandardCharsets.US_ASCII)).u64(settlement.netEnergy())
                    .u64(settlement.marketEnergy()).u64(settlement.gridEnergy()).u64(settlement.marketMoney())
                    .u64(settlement.gridMoney()).u64(settlement.gridOnlyMoney());
        }
        return w.toByteArray();
    }

    /**
     * Reads {@link #toSecretBytes()} strictly: the version, the window, only known parts, values each record
     * accepts, no trailing bytes.
     *
     * @param homeId the store's home, whose inputs and settlement these are
     * @param window the window the file is for
     * @throws MalformedEncodingException naming what is wrong (never a value)
     */
    static WindowState fromSecretBytes(byte[] encoded, String homeId, long window) {
        Bytes.Reader in = new Bytes.Reader(encoded, "state of window " + window);
        int version = in.u8();
        if (version != VERSION) {
            throw new MalformedEncodingException("state of window " + window + " has unsupported version " + version);
        }
        long saved = in.u64();
        if (saved != window) {
            throw new MalformedEncodingException("state of window " + window + " is the state of window " + saved);
        }
        int parts = in.u8();
        if ((parts & ~(INPUT | CONTRIBUTION | KEYS | SETTLEMENT)) != 0
                || ((parts & CONTRIBUTION) != 0) != ((parts & KEYS) != 0)) {
            throw new MalformedEncodingException("state of window " + window + " has unknown parts " + parts);
        }
        try {
            HomeInput input = null;
            String contribution = null;
            ContributionKeys keys = null;
            HomeSettlement settlement = null;
            if ((parts & INPUT) != 0) {
                input = new HomeInput(homeId, in.u64(), in.u64(), in.u64(), in.u64(), in.u64());
            }
            if ((parts & CONTRIBUTION) != 0) {
                contribution = utf8(in.field(MAX_FIELD), window);
                keys = new ContributionKeys(utf8(in.field(MAX_ID), window), utf8(in.field(MAX_ID), window));
            }
            if ((parts & SETTLEMENT) != 0) {
                Role role = role(in.field(16), window);
                settlement = new HomeSettlement(homeId, role, in.u64(), in.u64(), in.u64(), in.u64(), in.u64(),
                        in.u64());
            }
            in.finish();
            return new WindowState(window, input, contribution, keys, settlement);
        } catch (MalformedEncodingException e) {
            throw e;
        } catch (CryptoException | IllegalArgumentException | ArithmeticException e) {
            throw new MalformedEncodingException("state of window " + window + " is inconsistent: " + e.getMessage(),
                    e);
        }
    }

    private static String utf8(byte[] bytes, long window) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedEncodingException("state of window " + window + " has a contribution that is not UTF-8");
        }
    }

    private static Role role(byte[] name, long window) {
        String s = new String(name, StandardCharsets.US_ASCII);
        for (Role r : Role.values()) {
            if (r.name().equals(s)) {
                return r;
            }
        }
        throw new MalformedEncodingException("state of window " + window + " has an unknown role");
    }

    @Override
    public String toString() {
        return "WindowState[" + window + (input != null ? ", input" : "") + (contribution != null ? ", contribution" : "")
                + (settlement != null ? ", settlement" : "") + "]";
    }
}
