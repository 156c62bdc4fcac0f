package io.neighbourgrid.protocol.billing.state;

import java.util.List;
import java.util.Objects;

/**
 * The market-balance check of one cleared window; stored once under {@code BALANCE~t}. Chaincode multiplies the
 * committed volumes of the window's market members into one packed aggregate, {@code sum_sellers e} in the low 64
 * bits and {@code sum_buyers -e} above; the billing party posts its proven decryption, and chaincode compares the
 * two totals with the public outcome: the short side trades exactly {@code E_short}, the long side
 * {@code E_short - residual} with {@code 0 <= residual <= n_long} (the floor rounding of the allocation).
 *
 * <p>A balanced check is also the window's account of that residual, which no home's settlement carries (no home
 * can compute it: it depends on every long-side member's rounding). The market account, the one pool every market
 * trade goes through, settles it with the grid at the window's feed-in price on the short side's behalf: in a
 * general market the sellers' residual is exported and the grid pays {@code residualMoney}, in an extreme market
 * the buyers' residual is imported and the market account pays it ({@code io.neighbourgrid.market.WindowBooks},
 * {@code docs/billing.md} section 7).
 *
 * @param window        the window
 * @param status        the verdict
 * @param detail        a sentence saying what was compared and, if it failed, how
 * @param sellerVolume  {@code sum e} over the sellers' records
 * @param buyerVolume   {@code sum -e} over the buyers' records
 * @param shortTotal    {@code E_short} of the outcome ({@code E_s} general, {@code E_b} extreme)
 * @param residual      when {@code BALANCED}: {@code E_short} minus the long side's total, energy units (exported
 *                      in a general market, imported in an extreme one); absent otherwise
 * @param residualMoney when {@code BALANCED}: {@code MarketMath.money(residual, feedInPrice)}, money units, paid by
 *                      the grid to the market account (general) or by the market account to the grid (extreme);
 *                      absent otherwise
 * @param missingHomes  market members without a record, sorted
 * @param aggregate     the packed aggregate, Base64
 * @param plaintext     its decryption, decimal
 * @param proof         the proof of correct decryption, bound to {@code (channel, t, "market-balance",
 *                      "billing-party")}
 * @param postedAt      the transaction timestamp
 * @param txId          the transaction id
 */
public record MarketBalance(long window, BalanceStatus status, String detail, String sellerVolume,
                            String buyerVolume, long shortTotal, Long residual, Long residualMoney,
                            List<String> missingHomes, String aggregate, String plaintext, String proof,
                            String postedAt, String txId) {
    public MarketBalance {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((residual != null || residualMoney != null) != (status == BalanceStatus.BALANCED)
                || (residual == null) != (residualMoney == null)) {
            throw new IllegalArgumentException("window " + window + ": the residual and its money are recorded "
                    + "exactly when the window is BALANCED");
        }
        missingHomes = List.copyOf(missingHomes);
        Objects.requireNonNull(txId, "txId");
    }
}
