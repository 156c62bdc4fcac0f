/**
 * Settlement, billing and disputes on the ledger (see {@code docs/billing.md}). After a window is settled each home
 * posts its committed market volume and its grid exchange relative to that commitment, encrypted under the billing
 * party's Paillier key; each home's smart meter signs its metered import and export, encrypted under the same key.
 * Per billing period the billing party multiplies a home's ciphertexts, weighted by the public prices, into one
 * slot-packed aggregate ({@link io.neighbourgrid.protocol.billing.BillLayout}), decrypts it once and posts the
 * lines with a proof of correct decryption; anyone recomputes the aggregate from the ledger
 * ({@link io.neighbourgrid.protocol.billing.BillAggregator}) and checks the proof. Deviations between commitment
 * and meter are settled with the grid by the deviating home alone (PA-Bill's cost split as applied here), and a
 * per-window market-balance check catches a home that claims more market volume than it was allocated. Homes open
 * disputes; a bill dispute is decided against chaincode's own recomputation of the bill.
 */
package io.neighbourgrid.chaincode.billing;

