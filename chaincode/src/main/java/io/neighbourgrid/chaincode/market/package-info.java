/**
 * The market contract, one class per step of PEM (Xie et al., ICDCS 2020, seed 001) with the ledger in the middle.
 * {@code MarketTransactions} dispatches each transaction to its step.
 *
 * <table>
 * <caption>Where each step of the paper is enforced</caption>
 * <tr><th>PEM</th><th>class</th><th>transactions</th></tr>
 * <tr><td>Protocol 1 lines 1-2 (Initialization: keys)</td><td>{@link io.neighbourgrid.chaincode.market.Registration}
 * </td><td>{@code configureMarket}, {@code registerProofParameters}, {@code registerHome}, {@code resumeHome}</td></tr>
 * <tr><td>Protocol 1 lines 3-4 (roles, coalitions); Protocol 2 lines 1 and 11 (choosing r1, r2)</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Roles}</td>
 * <td>{@code openWindow}, {@code declareRole}, {@code declareAndContribute} (with Protocol 2 lines 2-13), {@code closeRoles}</td></tr>
 * <tr><td>Protocol 2 lines 2-13 (aggregation), Protocol 3 lines 2-7 (totals)</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Contributions}</td>
 * <td>{@code submitContribution}, {@code closeContributions}</td></tr>
 * <tr><td>Protocol 2 lines 14-18 (market type), Protocol 1 lines 6-9, Protocol 3 (pricing, Eq. 13-14), as
 * proven statements on hidden totals</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Evaluation}</td>
 * <td>{@code postMaskTransfer}, {@code postOutcome}</td></tr>
 * <tr><td>(not in PEM) a member whose contribution proof fails is excluded and pays alone</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Claims}</td><td>{@code claimInvalidContribution}</td></tr>
 * <tr><td>(not in PEM; seed 003) representatives declaring and contributing for the homes that delegated to them
 * </td><td>{@link io.neighbourgrid.chaincode.market.Representatives}</td>
 * <td>{@code registerRepresentative}, {@code delegate}, {@code revokeDelegation}, {@code submitBatch},
 * {@code submitContributionBatch}, {@code getRepresentative}, {@code getDelegation}</td></tr>
 * <tr><td>Protocol 1 line 10, Protocol 4 (distribution)</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Distribution}</td><td>{@code settleWindow}</td></tr>
 * <tr><td>(not in PEM) deadlines, suspension of silent selected homes</td>
 * <td>{@link io.neighbourgrid.chaincode.market.Deadlines}</td><td>{@code expireWindow}</td></tr>
 * <tr><td>reading every step</td><td>{@link io.neighbourgrid.chaincode.market.Queries}</td>
 * <td>{@code getMarket}, {@code getHome}, {@code listHomes}, {@code getWindow}, {@code getWindowForHome},
 * {@code getKeyProof}, {@code getProofParameters}, {@code getHistory}</td></tr>
 * </table>
 *
 * <p>{@link io.neighbourgrid.chaincode.market.Guards} holds the checks they share (the caller's organisation and
 * home, the configuration and window lookups, phases and deadlines). What chaincode and clients must agree on, the
 * argument syntax and records and the aggregation, is in {@code io.neighbourgrid.protocol}.
 */
package io.neighbourgrid.chaincode.market;
