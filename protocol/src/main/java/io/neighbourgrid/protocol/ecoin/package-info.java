/**
 * What the e-coin contract and its clients share: transaction names, argument and state records, and the messages
 * signed under one-time keys (Alàs and Sebé, "Privacy-Preserving Electricity Trading for Connected Microgrids",
 * Appl. Sci. 2024). See {@code docs/ecoin.md}.
 */
package io.neighbourgrid.protocol.ecoin;
