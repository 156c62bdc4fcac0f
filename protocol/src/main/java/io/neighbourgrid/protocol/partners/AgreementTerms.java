package io.neighbourgrid.protocol.partners;

import com.google.gson.JsonObject;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.json.StrictJson;
import java.util.Objects;
import java.util.Set;

/**
 * What two homes agree on (seed 003, SNIPPET: "sell it to her neighbour Bob for 0.05 EUR/kWh (or more), rather
 * than to her supplier", or "donate electricity to local hospitals for free"): the seller gives its partner the
 * energy it would otherwise export to the grid, and a share of what it sold in the market, up to the partner's need,
 * at {@code price} per kWh ({@code docs/partners.md}, section 2). The argument of {@code partners:propose}.
 *
 * @param seller          the home that gives or sells the energy
 * @param partner         the home that receives it (a neighbour, or a hospital registered as a home)
 * @param kind            {@link AgreementKind#SALE} at {@code price > 0}, or {@link AgreementKind#DONATION} at 0
 * @param price           price per kWh the partner pays, in price units (10^-6 cent per kWh)
 * @param marketSharePpm  the share of the seller's market sale also given to the partner, parts per million
 *                        (0: only what would go to the grid)
 */
public record AgreementTerms(String seller, String partner, AgreementKind kind, long price, long marketSharePpm) {
    /** One whole share, in parts per million. */
    public static final long WHOLE_SHARE = 1_000_000L;
    /** Highest price per kWh an agreement may name: 10,000 cents (a hundred times a retail price), in price units. */
    public static final long MAX_PRICE = 10_000L * Scales.PRICE;

    private static final String WHAT = "agreement terms";

    /**
     * Checks the terms; the checks the contract makes of {@code propose}'s argument.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code INVALID_ARGUMENT} for a malformed home id, a price
     *         above {@link #MAX_PRICE}, a sale at price 0, a donation at another price or a share outside
     *         [0, {@link #WHOLE_SHARE}]; {@code SELF_AGREEMENT} when seller and partner are one home;
     *         {@code NEGATIVE_PARTNER_PRICE} for a negative price
     */
    public AgreementTerms {
        Syntax.parseHomeId(seller);
        Syntax.parseHomeId(partner);
        Objects.requireNonNull(kind, "kind");
        if (seller.equals(partner)) {
            throw ErrorCode.SELF_AGREEMENT.exception("home " + seller + " cannot be its own partner");
        }
        if (price < 0) {
            throw ErrorCode.NEGATIVE_PARTNER_PRICE.exception("the price per kWh of an agreement must not be "
                    + "negative, got " + price + " price units");
        }
        if (price > MAX_PRICE) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the price per kWh of an agreement is at most " + MAX_PRICE
                    + " price units, got " + price);
        }
        if (kind == AgreementKind.DONATION && price != 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception("a donation has price 0, got " + price);
        }
        if (kind == AgreementKind.SALE && price == 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception("a sale at price 0 is a donation: give kind DONATION");
        }
        if (marketSharePpm < 0 || marketSharePpm > WHOLE_SHARE) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the market share is 0 to " + WHOLE_SHARE
                    + " parts per million, got " + marketSharePpm);
        }
    }

    /**
     * A sale to a partner at {@code price}.
     *
     * @param seller         the seller
     * @param partner        the partner
     * @param price          price units per kWh, above 0
     * @param marketSharePpm share of the seller's market sale also given, parts per million
     * @return the terms
     */
    public static AgreementTerms sale(String seller, String partner, long price, long marketSharePpm) {
        return new AgreementTerms(seller, partner, AgreementKind.SALE, price, marketSharePpm);
    }

    /**
     * A donation to a recipient, at price 0.
     *
     * @param donor          the seller
     * @param recipient      the partner
     * @param marketSharePpm share of the donor's market sale also given, parts per million
     * @return the terms
     */
    public static AgreementTerms donation(String donor, String recipient, long marketSharePpm) {
        return new AgreementTerms(donor, recipient, AgreementKind.DONATION, 0, marketSharePpm);
    }

    /**
     * Reads {@code propose}'s argument strictly: {@code {"seller", "partner", "kind", "price", "marketSharePpm"?}},
     * every field required except the share (0 when absent), nothing else.
     *
     * @param json the argument
     * @return the checked terms
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} for a malformed argument, or a check
     *         of the constructor
     */
    public static AgreementTerms parse(String json) {
        JsonObject o = StrictJson.object(json, WHAT, Set.of("seller", "partner", "kind", "price"),
                Set.of("marketSharePpm"));
        String kind = StrictJson.stringField(o, "kind", WHAT);
        AgreementKind k;
        try {
            k = AgreementKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("agreement kind is SALE or DONATION, got " + kind, e);
        }
        long share = o.has("marketSharePpm") ? StrictJson.longField(o, "marketSharePpm", WHAT) : 0L;
        return new AgreementTerms(StrictJson.stringField(o, "seller", WHAT), StrictJson.stringField(o, "partner",
                WHAT), k, StrictJson.longField(o, "price", WHAT), share);
    }

    /**
     * Whether {@code homeId} is the seller or the partner.
     *
     * @param homeId a home
     * @return {@code true} for either party
     */
    public boolean party(String homeId) {
        return seller.equals(homeId) || partner.equals(homeId);
    }
}
