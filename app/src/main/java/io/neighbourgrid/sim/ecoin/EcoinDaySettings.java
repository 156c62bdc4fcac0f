package io.neighbourgrid.sim.ecoin;

/**
 * The settings of a simulated microgrid day with e-coins.
 *
 * @param metersA         type A meters (low producers)
 * @param metersB         type B meters (high producers)
 * @param pieceWatts      the power of one piece of energy
 * @param coinValueMicros the price of one piece, in millionths of the currency unit
 * @param blindKeyBits    the substation's RSA modulus length
 * @param exportThreshold meter offers left unpaired before the substation buys the excess for the grid
 * @param slotStride      trade every {@code slotStride}-th slot of the day (1: every slot)
 * @param seed            the seed of every random choice
 */
public record EcoinDaySettings(int metersA, int metersB, long pieceWatts, long coinValueMicros, int blindKeyBits,
                               int exportThreshold, int slotStride, long seed) {
    /** Defaults: the paper's smallest microgrid (2 A, 4 B), 200 W pieces, 2048-bit key. */
    public static EcoinDaySettings defaults() {
        return new EcoinDaySettings(2, 4, 200, 12_500, 2048, 0, 1, 1);
    }

    /** These settings for another microgrid size. */
    public EcoinDaySettings withMeters(int a, int b) {
        return new EcoinDaySettings(a, b, pieceWatts, coinValueMicros, blindKeyBits, exportThreshold, slotStride,
                seed);
    }

    /** These settings trading every {@code stride}-th slot. */
    public EcoinDaySettings withSlotStride(int stride) {
        return new EcoinDaySettings(metersA, metersB, pieceWatts, coinValueMicros, blindKeyBits, exportThreshold,
                stride, seed);
    }

    /** The number of meters. */
    public int meters() {
        return metersA + metersB;
    }
}
