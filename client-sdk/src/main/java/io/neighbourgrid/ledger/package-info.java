/**
 * The client's view of the market channel: the {@link io.neighbourgrid.ledger.Ledger} interface that home agents,
 * the operator and the simulator use, with Fabric identities ({@link io.neighbourgrid.ledger.Identity},
 * {@link io.neighbourgrid.ledger.LocalCertificateAuthority}) and one error type whose code tells contract
 * rejections, commit conflicts and transport failures apart ({@link io.neighbourgrid.ledger.LedgerException}).
 *
 * <p>{@link io.neighbourgrid.ledger.EmbeddedLedger} is the default implementation: the contract runs in-process on
 * {@link io.neighbourgrid.chaincode.embedded.EmbeddedLedgerEngine}, with the channel's organisations registered by
 * their CA certificates and every creator checked against them, as a Fabric MSP does.
 */
package io.neighbourgrid.ledger;
