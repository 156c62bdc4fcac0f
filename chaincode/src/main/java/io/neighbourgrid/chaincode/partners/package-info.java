/**
 * The partners contract (namespace {@code partners}; seed 003, SNIPPET: "users can choose with whom and when to
 * trade"): standing agreements between two homes, a sale to a partner at a price of the seller's choosing or a
 * donation at price 0, proposed by one party, in force once the other accepts, revocable by either. The contract
 * records consent and revocation, and each party's commitment to a window's transfer; the transfers themselves are
 * cleared by the two parties after each window ({@code io.neighbourgrid.protocol.partners.PartnerClearing}) and their
 * amounts are never written here. See {@code docs/partners.md}.
 */
package io.neighbourgrid.chaincode.partners;
