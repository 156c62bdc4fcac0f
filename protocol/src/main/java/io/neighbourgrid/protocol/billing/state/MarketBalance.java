package io.neighbourgrid.protocol.billing.state;

import java.util.List;
import java.util.Objects;

/**
 * The market-balance check of one cleared window; stored once under {@code BALANCE~t}. Chaincode multiplies the
 * committed volumes of the window's market members into one aggregate, {@code sum_sellers e + sum_buyers e} (a
 * buyer's {@code e} is negative): what the sellers committed less what the buyers committed. The billing party posts
 * its proven decryption, and chaincode checks that it is the rounding residual of the allocation: the short side
 * trades all of {@code E_short}, the long side {@code E_short - residual} with {@code 0 <= residual <= n_long}, so the
 * difference is {@code residual} in a general market and {@code -residual} in an extreme one. Neither side's total
 * is decrypted: {@code E_s} and {@code E_b} stay hidden ({@code docs/protocol.md}, section 8).
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
 * @param difference    the sellers' committed energy less the buyers', energy units, signed decimal
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
public record MarketBalance(long window, BalanceStatus status, String detail, String difference, Long residual,
                            Long residualMoney,
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
