package io.neighbourgrid.audit;

import io.neighbourgrid.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of an audit: its subject, every finding in order, and the verdict. The report depends only on the
 * ledger (no timings, no local paths), so two auditors of the same ledger produce the same bytes and the same
 * {@link #evidenceHash()}, which a dispute's resolution records.
 *
 * @param subject  what was audited, e.g. {@code "window 7"} or {@code "home h1, windows 0-95"}
 * @param findings every line, in order
 */
public record AuditReport(String subject, List<Finding> findings) {
    public AuditReport {
        Objects.requireNonNull(subject, "subject");
        findings = List.copyOf(findings);
    }

    /** Whether every check held. */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::failed);
    }

    /** The first failing line, if any. */
    public Optional<Finding> firstFailure() {
        return findings.stream().filter(Finding::failed).findFirst();
    }

    /** Every failing line. */
    public List<Finding> failures() {
        return findings.stream().filter(Finding::failed).toList();
    }

    /** {@code PASS} or {@code FAIL}. */
    public String verdict() {
        return passed() ? "PASS" : "FAIL";
    }

    /** Canonical JSON of the report. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /** Lower-case hex SHA-256 of {@link #toJson()}: the evidence hash of a dispute resolution. */
    public String evidenceHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The report as text: one line per finding, then the verdict with the failing line. */
    public String toText() {
        StringBuilder sb = new StringBuilder("audit of ").append(subject).append('\n');
        for (Finding f : findings) {
            sb.append(String.format(Locale.ROOT, "  %-4s %s: %s%n", f.status(), f.check(), f.detail()));
        }
        sb.append("verdict: ").append(verdict());
        firstFailure().ifPresent(f -> sb.append(" (first failing line: ").append(f.check()).append(": ")
                .append(f.detail()).append(')'));
        sb.append("\nevidence hash: ").append(evidenceHash()).append('\n');
        return sb.toString();
    }
}
