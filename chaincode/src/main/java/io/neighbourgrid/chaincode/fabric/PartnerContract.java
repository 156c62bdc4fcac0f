package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.chaincode.partners.PartnerTransactions;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.util.Objects;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The partners contract as a Fabric contract in namespace {@code partners}: one transaction method per
 * {@link PartnerTransaction}, string arguments and JSON string results, each handed to {@link PartnerTransactions},
 * the dispatcher the embedded ledger runs. The organisations come from the same environment as the market's
 * ({@link MarketContract#fromEnvironment}).
 */
@Contract(name = PartnerTransaction.NAMESPACE, info = @Info(title = "Neighbourgrid partners",
        description = "Standing agreements between homes: sales to a chosen partner and donations",
        version = "0.1.0"))
public final class PartnerContract implements ContractInterface {
    private final PartnerTransactions transactions;

    /** The contract configured from the process environment; the constructor the contract runtime calls. */
    public PartnerContract() {
        this.transactions = new PartnerTransactions(MarketContract.fromEnvironment(System.getenv()).guards()
                .communityMspIds());
    }

    /**
     * The contract over the given dispatcher.
     *
     * @param transactions the dispatcher
     */
    public PartnerContract(PartnerTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    private String run(Context ctx, PartnerTransaction function, String... args) {
        return ShimCalls.run(transactions, ctx, function.functionName(), args);
    }

    /** {@link PartnerTransaction#PROPOSE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String propose(final Context ctx, final String termsJson) {
        return run(ctx, PartnerTransaction.PROPOSE, termsJson);
    }

    /** {@link PartnerTransaction#ACCEPT}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String accept(final Context ctx, final String agreementId) {
        return run(ctx, PartnerTransaction.ACCEPT, agreementId);
    }

    /** {@link PartnerTransaction#REVOKE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revoke(final Context ctx, final String agreementId) {
        return run(ctx, PartnerTransaction.REVOKE, agreementId);
    }

    /** {@link PartnerTransaction#RECORD_TRANSFER}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String recordTransfer(final Context ctx, final String agreementId, final String window,
                                 final String commitment) {
        return run(ctx, PartnerTransaction.RECORD_TRANSFER, agreementId, window, commitment);
    }

    /** {@link PartnerTransaction#GET_TRANSFER}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getTransfer(final Context ctx, final String agreementId, final String window) {
        return run(ctx, PartnerTransaction.GET_TRANSFER, agreementId, window);
    }

    /** {@link PartnerTransaction#GET_AGREEMENT}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getAgreement(final Context ctx, final String agreementId) {
        return run(ctx, PartnerTransaction.GET_AGREEMENT, agreementId);
    }

    /** {@link PartnerTransaction#LIST_AGREEMENTS}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listAgreements(final Context ctx, final String homeId) {
        return run(ctx, PartnerTransaction.LIST_AGREEMENTS, homeId);
    }
}
