/**
 * Partner agreements and donations (seed 003, SNIPPET: "users can choose with whom and when to trade"; its Alice
 * who would "donate electricity to local hospitals for free, or sell it to her neighbour Bob for 0.05 EUR/kWh (or
 * more), rather than to her supplier"): the records the partners contract writes and its clients read
 * ({@link Agreement}, {@link AgreementTerms}), its transaction names ({@link PartnerTransaction}), and the clearing
 * of a window's partner transfers after the private market ({@link PartnerClearing}), shared by the simulator and a
 * home's controller. See {@code docs/partners.md}.
 */
package io.neighbourgrid.protocol.partners;
