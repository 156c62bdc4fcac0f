package io.neighbourgrid.sim.ecoin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The seed's Section 7 simulator: meters and the substation share one broadcast channel that carries one message
 * every {@code slotMillis} (30 ms in the paper) whatever its length, in first-come first-served order; every party
 * reacts at once to the messages it receives. Each quarter (or other) slot every meter announces its offers and
 * requests; the substation pairs them as they arrive (a grid offer when no meter offer is open) and buys the
 * meters' offers still open once the channel falls idle. A pairing with a meter's offer takes, after the request,
 * Pairing, Payment, Check, CheckResult, Withdrawal, BlindSignature and Receipt; one with the substation's offer
 * takes Pairing, Payment and Receipt (the substation checks the coin itself and withdraws no fresh coin). The
 * pairing time is from the request's transmission to the receipt's.
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
    private final boolean substationUsesChannel;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Deque<Flow> openOffers = new ArrayDeque<>();
    private double now;
    private double dsoSum;
    private double smSum;
    private long dso;
    private long sm;
    private long carried;

    private ChannelModel(double slotSeconds, boolean substationUsesChannel) {
        this.slotSeconds = slotSeconds;
        this.substationUsesChannel = substationUsesChannel;
    }

    /**
     * Simulates a day.
     *
     * @param profiles    the power profiles (one slot per piece time)
     * @param metersA     type A meters
     * @param metersB     type B meters
     * @param pieceWatts  the piece's power
     * @param slotSeconds the channel's time per message
     * @return the mean pairing times
     */
    public static Result simulate(MicrogridProfiles profiles, int metersA, int metersB, long pieceWatts,
                                  double slotSeconds, boolean substationUsesChannel) {
        ChannelModel m = new ChannelModel(slotSeconds, substationUsesChannel);
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

    /** Every meter's offers and requests of the slot, meters taking turns message by message. */
    private void announce(MicrogridProfiles p, int slot, int metersA, int metersB, long pieceWatts) {
        int meters = metersA + metersB;
        int[] left = new int[meters];
        for (int i = 0; i < meters; i++) {
            left[i] = p.pieces(i >= metersA, slot, pieceWatts);
        }
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < meters; i++) {
                if (left[i] > 0) {
                    queue.add(new Message(Kind.OFFER, new Flow()));
                    left[i]--;
                    any = true;
                } else if (left[i] < 0) {
                    queue.add(new Message(Kind.REQUEST, new Flow()));
                    left[i]++;
                    any = true;
                }
            }
        }
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
                    f.requestSent = now;
                    Flow offer = openOffers.poll();
                    f.gridOffer = offer == null;
                    queue.add(new Message(Kind.PAIRING, f));
                }
                case PAIRING -> queue.add(new Message(Kind.PAYMENT, f));
                case PAYMENT -> queue.add(new Message(f.gridOffer && !substationUsesChannel ? Kind.RECEIPT
                        : Kind.CHECK, f));
                case CHECK -> queue.add(new Message(Kind.CHECK_RESULT, f));
                case CHECK_RESULT -> queue.add(new Message(f.gridOffer ? Kind.RECEIPT : Kind.WITHDRAWAL, f));
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
