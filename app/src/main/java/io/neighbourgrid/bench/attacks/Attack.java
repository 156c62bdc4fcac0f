package io.neighbourgrid.bench.attacks;

/**
 * What one dishonest home does in the adversary drill ({@link AttackDrill}); every kind is a behaviour the market
 * must attribute to the home that shows it and to no other.
 */
public enum Attack {
    /** A member encrypts a value far outside its published range (a preference k, or a demand, 1000 times the cap). */
    OUT_OF_RANGE("outOfRange"),
    /** A member's two shares hold different masks, so that the totals cannot be opened consistently. */
    INCONSISTENT_SHARES("inconsistentShares"),
    /** r2 never posts its mask transfer. */
    SILENT_INITIATOR("silentInitiator"),
    /** r2 posts a mask transfer whose proof does not verify (to leave r1 unable to act). */
    JUNK_TRANSFER("junkTransfer"),
    /** r1 never posts the outcome. */
    SILENT_RESPONDER("silentResponder"),
    /** r1 posts an outcome bundle that does not prove its claim. */
    FORGED_OUTCOME("forgedOutcome");

    private final String label;

    Attack(String label) {
        this.label = label;
    }

    /** The name in {@code attacks.json}. */
    public String label() {
        return label;
    }

    /** Whether the cheater is the window's r2 (else r1 for the evaluation attacks, else a plain member). */
    boolean byInitiator() {
        return this == SILENT_INITIATOR || this == JUNK_TRANSFER;
    }

    /** Whether the cheater is the window's r1. */
    boolean byResponder() {
        return this == SILENT_RESPONDER || this == FORGED_OUTCOME;
    }
}
