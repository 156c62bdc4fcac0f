package io.neighbourgrid.sim.ecoin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The seed's Section 7 simulator: meters and the substation share one broadcast channel that carries one message
 * every {@code slotMillis} (30 ms in the paper) whatever its length, in first-come first-served order; every party
 * reacts at once to the messages it receives. Each piece slot every meter hands its offers and requests to the
 * channel; the meters are independent processes, so their messages of a slot reach the queue in a seeded random
 * interleaving. The substation pairs requests as they are transmitted (a grid offer when no meter offer is open)
 * and buys the meters' offers still open once the channel falls idle.
 *
 * <p>After the request, a pairing with a meter's offer carries Pairing, Payment, Check, CheckResult, Withdrawal,
 * BlindSignature and Receipt, and concludes when the substation receives the Receipt (the seed's Procedure 6,
 * steps a-g). A pairing with the substation's offer carries Pairing and Payment only: the substation is the payee,
 * so it decrypts the payment, checks the coin against its own records and the Receipt against the payment's hash
 * without a message, and withdraws no fresh coin (the seed's Section 7: "the substation does not need to request
 * the withdrawal of a new e-coin when it receives a payment"). The pairing time runs from the moment the meter
 * hands its request to the channel, so that the request's own wait in the queue counts (the seed's Figure 5: "a
 * longer queue results in a higher message transmission delay"), to the pairing's conclusion.
 */
public final class ChannelModel {
    /** The paper's channel: one message every 30 ms. */
    public static final double PAPER_SLOT_SECONDS = 0.030;

    /** A message's kind. */
    enum Kind { OFFER, REQUEST, PAIRING, PAYMENT, CHECK, CHECK_RESULT, WITHDRAWAL, BLIND_SIGNATURE, RECEIPT }

    /** A message on the channel: its kind and the pairing (or offer / request) it belongs to. */
    private record Message(Kind kind, Flow flow) {
    }

    /** One request's way through the channel. */
    private static final class Flow {
        boolean gridOffer;
        boolean meterRequest = true;
        double requestSent;
    }

    /**
     * The mean pairing times of a simulated day.
     *
     * @param offersByDsoSeconds mean over pairings of a meter's request with the substation's offer
     * @param offersBySmsSeconds mean over pairings of a meter's request with a meter's offer
     * @param pairingsDso        how many of the first kind
     * @param pairingsSms        how many of the second kind
     * @param messages           messages carried in the day
     */
    public record Result(double offersByDsoSeconds, double offersBySmsSeconds, long pairingsDso, long pairingsSms,
                         long messages) {
    }

    private final double slotSeconds;
    private final Random order;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Deque<Flow> openOffers = new ArrayDeque<>();
    private double now;
    private double dsoSum;
    private double smSum;
    private long dso;
    private long sm;
    private long carried;

    private ChannelModel(double slotSeconds, long seed) {
        this.slotSeconds = slotSeconds;
        this.order = new Random(new SplittableRandom(seed).nextLong());
    }

    /**
     * Simulates a day.
     *
     * @param profiles    the power profiles (one slot per piece time)
     * @param metersA     type A meters
     * @param metersB     type B meters
     * @param pieceWatts  the piece's power
     * @param slotSeconds the channel's time per message
     * @param seed        the seed of the order in which the meters' messages of a slot reach the channel
     * @return the mean pairing times
     */
    public static Result simulate(MicrogridProfiles profiles, int metersA, int metersB, long pieceWatts,
                                  double slotSeconds, long seed) {
        ChannelModel m = new ChannelModel(slotSeconds, seed);
        for (int slot = 0; slot < profiles.slots(); slot++) {
            m.now = Math.max(m.now, slot * profiles.slotMinutes() * 60.0);
            m.announce(profiles, slot, metersA, metersB, pieceWatts);
            m.drain();
            while (!m.openOffers.isEmpty()) {
                Flow f = m.openOffers.poll();
                f.meterRequest = false;
                m.queue.add(new Message(Kind.PAIRING, f));
                m.drain();
            }
        }
        return new Result(m.dso == 0 ? 0 : m.dsoSum / m.dso, m.sm == 0 ? 0 : m.smSum / m.sm, m.dso, m.sm,
                m.carried);
    }

    /**
     * Every meter's offers and requests of the slot, handed to the channel at once and reaching its queue in a
     * random interleaving; a request's pairing time starts here.
     */
    private void announce(MicrogridProfiles p, int slot, int metersA, int metersB, long pieceWatts) {
        List<Message> slotMessages = new ArrayList<>();
        for (int i = 0; i < metersA + metersB; i++) {
            int pieces = p.pieces(i >= metersA, slot, pieceWatts);
            for (int k = 0; k < Math.abs(pieces); k++) {
                Flow f = new Flow();
                f.requestSent = now;
                slotMessages.add(new Message(pieces > 0 ? Kind.OFFER : Kind.REQUEST, f));
            }
        }
        Collections.shuffle(slotMessages, order);
        queue.addAll(slotMessages);
    }

    /** Transmits until the channel is idle, each party reacting to each message at once. */
    private void drain() {
        while (!queue.isEmpty()) {
            Message msg = queue.poll();
            now += slotSeconds;
            carried++;
            Flow f = msg.flow();
            switch (msg.kind()) {
                case OFFER -> openOffers.add(f);
                case REQUEST -> {
                    Flow offer = openOffers.poll();
                    f.gridOffer = offer == null;
                    queue.add(new Message(Kind.PAIRING, f));
                }
                case PAIRING -> queue.add(new Message(Kind.PAYMENT, f));
                case PAYMENT -> {
                    if (f.gridOffer) {
                        record(f);
                    } else {
                        queue.add(new Message(Kind.CHECK, f));
                    }
                }
                case CHECK -> queue.add(new Message(Kind.CHECK_RESULT, f));
                case CHECK_RESULT -> queue.add(new Message(Kind.WITHDRAWAL, f));
                case WITHDRAWAL -> queue.add(new Message(Kind.BLIND_SIGNATURE, f));
                case BLIND_SIGNATURE -> queue.add(new Message(Kind.RECEIPT, f));
                case RECEIPT -> record(f);
            }
        }
    }

    private void record(Flow f) {
        if (!f.meterRequest) {
            return;
        }
        if (f.gridOffer) {
            dsoSum += now - f.requestSent;
            dso++;
        } else {
            smSum += now - f.requestSent;
            sm++;
        }
    }

    /** The paper's Table 1: (SM_A, SM_B, offers by DSO, offers by SMs) in seconds. */
    public static List<double[]> paperTable1() {
        List<double[]> rows = new ArrayList<>();
        rows.add(new double[] {2, 4, 0.639616, 0.744040});
        rows.add(new double[] {4, 8, 1.251317, 1.462731});
        rows.add(new double[] {6, 12, 1.869893, 2.176571});
        rows.add(new double[] {8, 16, 2.475705, 2.884149});
        rows.add(new double[] {10, 20, 3.092991, 3.618586});
        return rows;
    }
}
