package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.comparison.ComparisonInitiator;
import io.neighbourgrid.crypto.comparison.ComparisonResponder;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.Role;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * What a home agent keeps of one window until the window is forgotten: the private inputs it acted on, the secrets
 * of its contribution, its side of the comparison when selected, and its settlement. Every part is absent until the
 * agent has used it; once the settlement is computed only the settlement is kept
 * ({@link #settled(long, HomeSettlement)}).
 *
 * <p>The comparison parties are mutable objects: an agent changes one only together with saving the state again.
 *
 * @param window       the window
 * @param input        the inputs the agent declared and contributed from, or null
 * @param contribution the masks and the exact contribution submitted (or about to be), or null
 * @param initiator    this home's comparison initiator (r2), once it made message 1, or null
 * @param responder    this home's comparison responder (r1), once it made message 2, or null
 * @param settlement   this home's settlement, once computed, or null
 */
record WindowState(long window, HomeInput input, ContributionSecrets contribution, ComparisonInitiator initiator,
                   ComparisonResponder responder, HomeSettlement settlement) {
    /** Version byte of {@link #toSecretBytes()}. */
    private static final int VERSION = 1;
    private static final int INPUT = 1;
    private static final int CONTRIBUTION = 2;
    private static final int INITIATOR = 4;
    private static final int RESPONDER = 8;
    private static final int SETTLEMENT = 16;
    private static final int MAX_FIELD = 1 << 22;
    /** Width of the totals mask M of {@link io.neighbourgrid.market.PackedTotals#shares}. */
    private static final int TOTALS_MASK_BYTES = (io.neighbourgrid.market.PackedTotals.MASK_BITS + 7) / 8;

    /**
     * The secrets of a contribution: the mask r of the comparison's sums, the mask M of the packed totals, and the
     * contribution's JSON exactly as submitted, so that after a restart the same ciphertexts are submitted again
     * rather than new ones with other masks.
     *
     * @param mask       r, in [0, 2^{@value HomeAgent#MASK_BITS})
     * @param totalsMask M, in [0, 2^{@value io.neighbourgrid.market.PackedTotals#MASK_BITS})
     * @param body       the {@code ContributionArgs} JSON
     */
    record ContributionSecrets(BigInteger mask, BigInteger totalsMask, String body) {
        ContributionSecrets {
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(totalsMask, "totalsMask");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "ContributionSecrets[...]";
        }
    }

    WindowState {
        if (window < 0) {
            throw new IllegalArgumentException("window must be non-negative, got " + window);
        }
    }

    /** Nothing kept yet. */
    static WindowState empty(long window) {
        return new WindowState(window, null, null, null, null, null);
    }

    /** Only the settlement: what is left of a window once the home has settled it. */
    static WindowState settled(long window, HomeSettlement settlement) {
        return new WindowState(window, null, null, null, null, Objects.requireNonNull(settlement, "settlement"));
    }

    WindowState withInput(HomeInput in) {
        return new WindowState(window, in, contribution, initiator, responder, settlement);
    }

    WindowState withContribution(ContributionSecrets secrets) {
        return new WindowState(window, input, secrets, initiator, responder, settlement);
    }

    WindowState withInitiator(ComparisonInitiator party) {
        return new WindowState(window, input, contribution, party, responder, settlement);
    }

    WindowState withResponder(ComparisonResponder party) {
        return new WindowState(window, input, contribution, initiator, party, settlement);
    }

    /**
     * The plaintext the store encrypts (every integer big-endian, every field a u32 length and its bytes):
     * <pre>
     *  u8 version = 1 | u64 window | u8 parts (1 input, 2 contribution, 4 initiator, 8 responder, 16 settlement)
     *  input:        i64 generation | i64 load | i64 battery | i64 preference | i64 epsilon
     *  contribution: u64 mask r | M, 64 bytes | field contribution JSON (UTF-8)
     *  initiator:    field ComparisonInitiator.toSecretBytes()
     *  responder:    field ComparisonResponder.toSecretBytes()
     *  settlement:   field role name | i64 net energy | i64 market energy | i64 grid energy | i64 market money
     *                | i64 grid money | i64 grid-only money
     * </pre>
     * The home id is not written: it is the store's, bound to every file as associated data.
     */
    byte[] toSecretBytes() {
        int parts = (input != null ? INPUT : 0) | (contribution != null ? CONTRIBUTION : 0)
                | (initiator != null ? INITIATOR : 0) | (responder != null ? RESPONDER : 0)
                | (settlement != null ? SETTLEMENT : 0);
        Bytes.Writer w = new Bytes.Writer(256).u8(VERSION).u64(window).u8(parts);
        if (input != null) {
            w.u64(input.generation()).u64(input.load()).u64(input.battery()).u64(input.preference())
                    .u64(input.epsilon());
        }
        if (contribution != null) {
            w.u64(contribution.mask().longValueExact()).fixed(contribution.totalsMask(), TOTALS_MASK_BYTES)
                    .field(contribution.body().getBytes(StandardCharsets.UTF_8));
        }
        if (initiator != null) {
            w.field(initiator.toSecretBytes());
        }
        if (responder != null) {
            w.field(responder.toSecretBytes());
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
     * accepts, comparison states that decode, no trailing bytes.
     *
     * @param homeId the store's home, whose inputs and settlement these are
     * @param window the window the file is for
     * @param random given to restored comparison parties
     * @throws MalformedEncodingException naming what is wrong (never a value)
     */
    static WindowState fromSecretBytes(byte[] encoded, String homeId, long window, SecureRandom random) {
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
        if ((parts & ~(INPUT | CONTRIBUTION | INITIATOR | RESPONDER | SETTLEMENT)) != 0) {
            throw new MalformedEncodingException("state of window " + window + " has unknown parts " + parts);
        }
        try {
            HomeInput input = null;
            ContributionSecrets contribution = null;
            ComparisonInitiator initiator = null;
            ComparisonResponder responder = null;
            HomeSettlement settlement = null;
            if ((parts & INPUT) != 0) {
                input = new HomeInput(homeId, in.u64(), in.u64(), in.u64(), in.u64(), in.u64());
            }
            if ((parts & CONTRIBUTION) != 0) {
                long mask = in.u64();
                if (mask < 0 || mask >>> HomeAgent.MASK_BITS != 0) {
                    throw new MalformedEncodingException("state of window " + window + " has a mask out of range");
                }
                BigInteger totalsMask = in.fixed(TOTALS_MASK_BYTES);
                if (totalsMask.bitLength() > io.neighbourgrid.market.PackedTotals.MASK_BITS) {
                    throw new MalformedEncodingException("state of window " + window
                            + " has a totals mask out of range");
                }
                contribution = new ContributionSecrets(BigInteger.valueOf(mask), totalsMask,
                        utf8(in.field(MAX_FIELD), window));
            }
            if ((parts & INITIATOR) != 0) {
                initiator = ComparisonInitiator.fromSecretBytes(in.field(MAX_FIELD), random);
                if (!initiator.started()) {
                    throw new MalformedEncodingException("state of window " + window
                            + " has a comparison initiator that never started");
                }
            }
            if ((parts & RESPONDER) != 0) {
                responder = ComparisonResponder.fromSecretBytes(in.field(MAX_FIELD), random);
                if (!responder.responded()) {
                    throw new MalformedEncodingException("state of window " + window
                            + " has a comparison responder that never answered");
                }
            }
            if ((parts & SETTLEMENT) != 0) {
                Role role = role(in.field(16), window);
                settlement = new HomeSettlement(homeId, role, in.u64(), in.u64(), in.u64(), in.u64(), in.u64(),
                        in.u64());
            }
            in.finish();
            return new WindowState(window, input, contribution, initiator, responder, settlement);
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
                + (initiator != null ? ", initiator" : "") + (responder != null ? ", responder" : "")
                + (settlement != null ? ", settlement" : "") + "]";
    }
}
