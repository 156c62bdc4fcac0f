package io.neighbourgrid.crypto.proof;

import java.util.stream.IntStream;

/**
 * Finding an invalid proof among many: batch-verify all; if the batch fails, bisect (a failing half is searched,
 * and when the left half passes the right one must fail), and name a proof only after it fails single
 * verification. If bisection finds nothing (an invalid proof hid in a passing sub-batch, with probability about
 * 2^-128 per sub-batch), every proof of the list is verified alone. About 2 log2(n) sub-batches find one invalid
 * proof among n. A long list is first cut into one part per processor, batch-verified in parallel (the batches
 * draw their coefficients independently, so this changes nothing but the time).
 */
final class BatchSearch {
    /** Batch verification of the proofs [from, to). */
    interface Batch {
        boolean holds(int from, int to);
    }

    /** Single verification of proof i. */
    interface Single {
        boolean valid(int i);
    }

    /** Proofs per part below which a list is not cut for parallel verification. */
    private static final int MIN_PART = 8;

    private BatchSearch() {
    }

    /** -1 if all n proofs are valid, else the index of one that fails single verification. */
    static int firstInvalid(int n, Batch batch, Single single) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), n / MIN_PART);
        if (parts >= 2) {
            int[] bounds = IntStream.rangeClosed(0, parts).map(p -> (int) ((long) n * p / parts)).toArray();
            boolean[] holds = new boolean[parts];
            IntStream.range(0, parts).parallel().forEach(p -> holds[p] = batch.holds(bounds[p], bounds[p + 1]));
            for (int p = 0; p < parts; p++) {
                int found = holds[p] ? -1 : search(bounds[p], bounds[p + 1], batch, single);
                if (found >= 0) {
                    return found;
                }
            }
            boolean all = true;
            for (boolean h : holds) {
                all &= h;
            }
            return all ? -1 : everyOneAlone(n, single);
        }
        if (n == 0 || batch.holds(0, n)) {
            return -1;
        }
        int found = search(0, n, batch, single);
        if (found >= 0) {
            return found;
        }
        return everyOneAlone(n, single);
    }

    /** Verifies every proof alone: the fallback when bisection found nothing. */
    private static int everyOneAlone(int n, Single single) {
        for (int i = 0; i < n; i++) {
            if (!single.valid(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Searches [from, to), whose batch failed; -1 if no proof there fails single verification. */
    private static int search(int from, int to, Batch batch, Single single) {
        if (to - from == 1) {
            return single.valid(from) ? -1 : from;
        }
        int mid = (from + to) >>> 1;
        if (!batch.holds(from, mid)) {
            int left = search(from, mid, batch, single);
            if (left >= 0) {
                return left;
            }
        }
        return search(mid, to, batch, single);
    }
}
