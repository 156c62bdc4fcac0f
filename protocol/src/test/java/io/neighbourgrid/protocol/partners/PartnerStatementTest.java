package io.neighbourgrid.protocol.partners;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PartnerStatement}: what the two parties hold and the commitment the ledger keeps. */
class PartnerStatementTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PartnerTransfer TRANSFER = new PartnerTransfer("a1", 7, "alice", "bob", AgreementKind.SALE,
            100_000_000, 2_000_000, 500_000, 200_000_000, 2_500_000);

    private static TransferRecord recorded(PartnerStatement s) {
        return new TransferRecord(s.agreementId(), s.window(), s.commitment(), "alice", "t0", "bob", "t1");
    }

    @Test
    void theStatementCarriesTheTransferAndAWindowWithoutOneIsAllZeros() {
        PartnerStatement s = PartnerStatement.of("a1", 7, TRANSFER, RANDOM);
        assertEquals(202_500_000, s.money());
        assertEquals(500_000, s.marketEnergy());
        PartnerStatement none = PartnerStatement.of("a1", 8, null, RANDOM);
        assertEquals(List.of(0L, 0L, 0L), List.of(none.gridEnergy(), none.marketEnergy(), none.money()));
        assertThrows(IllegalArgumentException.class, () -> PartnerStatement.of("a2", 7, TRANSFER, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> PartnerStatement.of("a1", 6, TRANSFER, RANDOM));
    }

    @Test
    void theCommitmentHidesEqualStatementsAndBindsEveryField() {
        PartnerStatement s = PartnerStatement.of("a1", 7, TRANSFER, RANDOM);
        assertTrue(PartnerStatement.COMMITMENT.matcher(s.commitment()).matches());
        assertNotEquals(s.commitment(), PartnerStatement.of("a1", 7, TRANSFER, RANDOM).commitment(),
                "a fresh salt: equal amounts give unequal commitments");
        assertDoesNotThrow(() -> s.verify(recorded(s)));
        List<PartnerStatement> altered = List.of(
                new PartnerStatement("a1", 7, s.gridEnergy() + 1, s.marketEnergy(), s.money(), s.salt()),
                new PartnerStatement("a1", 7, s.gridEnergy(), s.marketEnergy() + 1, s.money(), s.salt()),
                new PartnerStatement("a1", 7, s.gridEnergy(), s.marketEnergy(), s.money() - 1, s.salt()),
                new PartnerStatement("a1", 7, s.gridEnergy(), s.marketEnergy(), s.money(),
                        (s.salt().charAt(0) == '0' ? "1" : "0") + s.salt().substring(1)));
        for (PartnerStatement x : altered) {
            assertThrows(IllegalArgumentException.class, () -> x.verify(recorded(s)), x.toString());
        }
        PartnerStatement otherWindow = new PartnerStatement("a1", 8, s.gridEnergy(), s.marketEnergy(), s.money(),
                s.salt());
        assertThrows(IllegalArgumentException.class, () -> otherWindow.verify(recorded(s)));
        assertThrows(IllegalArgumentException.class, () -> new PartnerStatement("a1", 7, 0, 0, 0, "xyz"));
    }
}
