/**
 * Secure two-party comparison for the market evaluation (PEM Protocol 2, lines 14-18, where the paper uses
 * garbled circuits): the initiator holds x and a DGK key pair, the responder holds y, both l-bit non-negative
 * integers, and they end with XOR shares of [x &lt; y].
 *
 * <p>The cryptosystem is DGK (Damgard, Geisler, Kroigaard, "Efficient and secure comparison for on-line
 * auctions", ACISP 2007, and "A correction to ...", IJACT 2009): {@link io.neighbourgrid.crypto.comparison.DgkPublicKey},
 * {@link io.neighbourgrid.crypto.comparison.DgkPrivateKey}, {@link io.neighbourgrid.crypto.comparison.ComparisonKeyPair}.
 * The protocol is DGK's comparison with Veugen's corrections (T. Veugen, "Improving the DGK comparison
 * protocol", WIFS 2012): a random sign s chosen by the responder makes the outcome a share, and one extra
 * ciphertext makes x = y come out as "not below". The two parties are message-driven state machines
 * ({@link io.neighbourgrid.crypto.comparison.ComparisonInitiator},
 * {@link io.neighbourgrid.crypto.comparison.ComparisonResponder}) exchanging byte arrays; anyone combines the two
 * published share messages with {@link io.neighbourgrid.crypto.comparison.ComparisonOutcome#combine}.
 *
 * <p>Messages (all integers big-endian; W = ceil(bits(n) / 8) bytes per ciphertext; every message starts with
 * {@code u8 version = 1 | u8 step | u16 context length | context}):
 * <pre>
 *  step 1, initiator: u8 l | u32 key length | public key | u16 l | u16 W | Enc(x_0) .. Enc(x_{l-1})
 *  step 2, responder: SHA-256 digest of message 1 (32) | u16 l + 1 | u16 W | l + 1 blinded ciphertexts
 *  step 3, initiator; step 4, responder: transcript digest (32) | u8 share
 * </pre>
 * The public key is {@code u8 version = 1 | u16 W | n | g | h | u32 u | u16 t} (9 + 3W bytes). For l = 64, a
 * 2048-bit key and a c-byte context: message 1 is 17 174 + c bytes, message 2 is 16 680 + c, each share message
 * 37 + c.
 *
 * <p>A party can be saved between messages and restored after a restart ({@code toSecretBytes()} and
 * {@code fromSecretBytes} of both parties): the initiator's state holds its key pair, x and message 1 (and once
 * finished the digest of message 2 and its share), the responder's y, the expected key and once it has answered
 * message 2 and its share. Each ends with a SHA-256 digest that is checked before anything else is read. The
 * encodings hold private inputs, so they belong in the owner's encrypted store only.
 *
 * <p>Security model: semi-honest parties. Every message is bound to a caller-chosen session context and to its
 * step, and the later messages to the earlier ones by SHA-256 digests, so messages of another session, step or
 * run are rejected.
 */
package io.neighbourgrid.crypto.comparison;
