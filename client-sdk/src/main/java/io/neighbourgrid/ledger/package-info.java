/**
 * The client's view of the market channel: the {@link io.neighbourgrid.ledger.Ledger} interface that home agents,
 * the operator and the simulator use, with Fabric identities ({@link io.neighbourgrid.ledger.Identity},
 * {@link io.neighbourgrid.ledger.LocalCertificateAuthority}) and one error type whose code tells contract
 * rejections, commit conflicts and transport failures apart ({@link io.neighbourgrid.ledger.LedgerException}).
 *
 * <p>{@link io.neighbourgrid.ledger.FabricLedger} connects through a Fabric Gateway. The embedded ledger (module
 * {@code embedded-ledger}, {@code io.neighbourgrid.embedded.EmbeddedLedger}) implements the same interface with the
 * contract running in-process, the channel's organisations registered by their CA certificates and every creator
 * checked against them, as a Fabric MSP does.
 */
package io.neighbourgrid.ledger;
