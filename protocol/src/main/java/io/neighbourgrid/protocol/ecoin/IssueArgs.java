package io.neighbourgrid.protocol.ecoin;

import java.util.List;

/**
 * The argument of {@code issueWithdrawal}: the substation's blind signatures, in the order of the batch's blinded
 * messages.
 *
 * @param blindSignatures Base64 blind signatures
 */
public record IssueArgs(List<String> blindSignatures) {
    /** Parses and checks the argument (at most {@code maxBatch} signatures). */
    public static IssueArgs parse(String json, long maxBatch) {
        IssueArgs a = EcoinJson.parse(json, "issue", IssueArgs.class);
        return new IssueArgs(EcoinJson.list(a.blindSignatures, "issue.blindSignatures", (int) maxBatch));
    }
}
