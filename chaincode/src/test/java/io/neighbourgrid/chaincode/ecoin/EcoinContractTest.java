package io.neighbourgrid.chaincode.ecoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.DepositArgs;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.IssueArgs;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EcoinContractTest {
    private static String json(Object o) {
        return CanonicalJson.toJson(o);
    }

    private static String deposit(Coin... coins) {
        return json(new DepositArgs(List.of(coins)));
    }

    @Nested
    class SetUp {
        @Test
        void theKeyAndSettingsAreSetOnceByTheOperator() {
            EcoinHarness h = new EcoinHarness();
            String settings = json(EcoinHarness.settings(EcoinHarness.KEY, h.shared));
            h.rejected(ErrorCode.UNAUTHORIZED_ORG, h.alice, EcoinTransaction.CONFIGURE, settings);
            h.rejected(ErrorCode.ECOIN_NOT_CONFIGURED, h.alice, EcoinTransaction.REGISTER_METER, "alice");
            h.submit(h.operator, EcoinTransaction.CONFIGURE, settings);
            h.rejected(ErrorCode.ECOIN_ALREADY_CONFIGURED, h.operator, EcoinTransaction.CONFIGURE, settings);
        }

        @Test
        void aMalformedKeyOrSettingIsRejected() {
            EcoinHarness h = new EcoinHarness();
            String good = json(EcoinHarness.settings(EcoinHarness.KEY, h.shared));
            h.rejected(ErrorCode.INVALID_KEY, h.operator, EcoinTransaction.CONFIGURE,
                    good.replace(EcoinHarness.KEY.publicKey().encode(), "AAAA.AQAB"));
            h.rejected(ErrorCode.INVALID_ARGUMENT, h.operator, EcoinTransaction.CONFIGURE,
                    good.replace("\"maxBatch\":20", "\"maxBatch\":0"));
            h.rejected(ErrorCode.MALFORMED_JSON, h.operator, EcoinTransaction.CONFIGURE,
                    good.replace("\"maxBatch\":20", "\"maxBatch\":20,\"extra\":1"));
        }

        @Test
        void aMeterRegistersItsOwnIdentityOnceAndNeverTheSharedOne() {
            EcoinHarness h = EcoinHarness.configured();
            h.rejected(ErrorCode.SHARED_IDENTITY_IDENTIFIES, h.shared, EcoinTransaction.REGISTER_METER, "carol");
            h.rejected(ErrorCode.HOME_ALREADY_REGISTERED, io.neighbourgrid.chaincode.MarketHarness.identity(
                    "CommunityMSP", "carol"), EcoinTransaction.REGISTER_METER, "alice");
            h.rejected(ErrorCode.IDENTITY_ALREADY_BOUND, h.alice, EcoinTransaction.REGISTER_METER, "alice2");
            h.rejected(ErrorCode.INVALID_ARGUMENT, io.neighbourgrid.chaincode.MarketHarness.identity("CommunityMSP",
                    "dave"), EcoinTransaction.REGISTER_METER, Account.GRID);
        }
    }

    @Nested
    class Withdrawal {
        @Test
        void theLedgerCountsTheCoinsAMeterWithdrewButNeverSeesThem() {
            EcoinHarness h = EcoinHarness.configured();
            List<Coin> coins = h.withdraw(h.alice, 4);
            Account[] accounts = h.evaluate(Account[].class, EcoinTransaction.LIST_ACCOUNTS, "0");
            assertEquals(List.of(new Account("alice", 0, 4, 0)), List.of(accounts));
            String ledger = Arrays.toString(h.engine.getStateByRange("", "\uffff").stream()
                    .map(kv -> new String(kv.value())).toArray());
            for (Coin c : coins) {
                assertFalse(ledger.contains(c.payload()), "a withdrawn coin's payload is on the ledger");
                assertFalse(ledger.contains(c.signature()), "a withdrawn coin's signature is on the ledger");
                assertFalse(ledger.contains(c.hash()), "a withdrawn coin's hash is on the ledger");
            }
        }

        @Test
        void onlyARegisteredMetersOwnIdentityWithdraws() {
            EcoinHarness h = EcoinHarness.configured();
            String args = json(new io.neighbourgrid.protocol.ecoin.WithdrawalArgs(List.of(EcoinHarness.b64(
                    new byte[256]))));
            h.rejected(ErrorCode.SHARED_IDENTITY_IDENTIFIES, h.shared, EcoinTransaction.REQUEST_WITHDRAWAL,
                    h.id(), args);
            h.rejected(ErrorCode.NOT_REGISTERED, io.neighbourgrid.chaincode.MarketHarness.identity("CommunityMSP",
                    "eve"), EcoinTransaction.REQUEST_WITHDRAWAL, h.id(), args);
            h.rejected(ErrorCode.INVALID_ARGUMENT, h.alice, EcoinTransaction.REQUEST_WITHDRAWAL, h.id(),
                    json(new io.neighbourgrid.protocol.ecoin.WithdrawalArgs(List.of(EcoinHarness.b64(new byte[255])))));
        }

        @Test
        void anIssueMustBeTheOperatorsValidSignaturesOnce() {
            EcoinHarness h = EcoinHarness.configured();
            byte[] blinded = new byte[256];
            h.random.nextBytes(blinded);
            blinded[0] = 0x11;
            String batch = h.id();
            h.submit(h.alice, EcoinTransaction.REQUEST_WITHDRAWAL, batch,
                    json(new io.neighbourgrid.protocol.ecoin.WithdrawalArgs(List.of(EcoinHarness.b64(blinded)))));
            String good = json(new IssueArgs(List.of(EcoinHarness.b64(EcoinHarness.KEY.blindSign(blinded)))));
            String other = json(new IssueArgs(List.of(EcoinHarness.b64(EcoinHarness.OTHER_KEY.blindSign(blinded)))));
            h.rejected(ErrorCode.UNAUTHORIZED_ORG, h.alice, EcoinTransaction.ISSUE_WITHDRAWAL, batch, good);
            h.rejected(ErrorCode.INVALID_BLIND_SIGNATURE, h.operator, EcoinTransaction.ISSUE_WITHDRAWAL, batch, other);
            h.rejected(ErrorCode.UNKNOWN_BATCH, h.operator, EcoinTransaction.ISSUE_WITHDRAWAL, h.id(), good);
            h.submit(h.operator, EcoinTransaction.ISSUE_WITHDRAWAL, batch, good);
            h.rejected(ErrorCode.DUPLICATE_SUBMISSION, h.operator, EcoinTransaction.ISSUE_WITHDRAWAL, batch, good);
            assertTrue(h.evaluate(WithdrawalBatch.class, EcoinTransaction.GET_BATCH, batch).issued());
        }
    }

    @Nested
    class Trading {
        @Test
        void aPairingBetweenTwoMetersRunsToItsReceiptUnderTheSharedIdentity() {
            EcoinHarness h = EcoinHarness.configured();
            Coin coin = h.withdraw(h.alice, 1).get(0);
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            Coin fresh = f.complete(coin);
            Pairing p = h.evaluate(Pairing.class, EcoinTransaction.GET_PAIRING, f.request);
            assertEquals(PairingPhase.CLOSED, p.phase());
            assertTrue(io.neighbourgrid.crypto.blind.BlindRsa.verify(EcoinHarness.KEY.publicKey(),
                    fresh.payloadBytes(), Base64.getDecoder().decode(fresh.signature())));
            PeriodRecord period = h.evaluate(PeriodRecord.class, EcoinTransaction.GET_PERIOD, "0");
            assertEquals(1, period.meterPairings());
            assertEquals(0, period.openPairings());
            assertEquals(new OpenMarket(List.of(), List.of(), List.of()),
                    h.evaluate(OpenMarket.class, EcoinTransaction.LIST_OPEN));
        }

        @Test
        void unidentifiedStepsRefuseAMetersOwnIdentity() {
            EcoinHarness h = EcoinHarness.configured();
            h.rejected(ErrorCode.NOT_SHARED_IDENTITY, h.alice, EcoinTransaction.POST_REQUEST, h.id());
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            Coin coin = h.withdraw(h.alice, 1).get(0);
            h.rejected(ErrorCode.NOT_SHARED_IDENTITY, h.alice, EcoinTransaction.PAY, f.request, f.payJson(coin));
        }

        @Test
        void anExpiredOrAlreadyPairedOfferCannotBePaired() {
            EcoinHarness h = EcoinHarness.configured();
            EcoinHarness.PostedOffer offer = h.postOffer(h.shared);
            String r1 = h.requestAndPair(h.shared, offer);
            String r2 = h.id();
            h.submit(h.shared, EcoinTransaction.POST_REQUEST, r2);
            h.rejected(ErrorCode.OFFER_UNAVAILABLE, h.operator, EcoinTransaction.PAIR, r2, offer.offerId());
            h.rejected(ErrorCode.OFFER_UNAVAILABLE, h.operator, EcoinTransaction.PAIR, r1, h.postOffer(h.shared)
                    .offerId());
            EcoinHarness.PostedOffer late = h.postOffer(h.shared);
            h.clock.advance(EcoinHarness.VALIDITY);
            h.rejected(ErrorCode.OFFER_EXPIRED, h.operator, EcoinTransaction.PAIR, r2, late.offerId());
            h.rejected(ErrorCode.UNKNOWN_OFFER, h.operator, EcoinTransaction.PAIR, r2, h.id());
            h.rejected(ErrorCode.UNKNOWN_REQUEST, h.operator, EcoinTransaction.PAIR, h.id(), late.offerId());
        }
    }

    @Nested
    class CoinChecks {
        @Test
        void aDoubleSpendIsRejected() {
            EcoinHarness h = EcoinHarness.configured();
            Coin coin = h.withdraw(h.alice, 1).get(0);
            new EcoinFlows(h, h.shared, h.shared).complete(coin);
            EcoinFlows second = new EcoinFlows(h, h.shared, h.shared);
            second.pay(coin);
            h.rejected(ErrorCode.COIN_ALREADY_SPENT, h.shared, EcoinTransaction.CHECK_COIN, second.request,
                    second.checkJson(coin, second.offer.claim()));
            h.submit(h.operator, EcoinTransaction.CANCEL_PAIRING, second.request);
        }

        @Test
        void forgedTruncatedAndForeignCoinsAreRejected() {
            EcoinHarness h = EcoinHarness.configured();
            Coin real = h.withdraw(h.alice, 1).get(0);
            byte[] sig = Base64.getDecoder().decode(real.signature());
            byte[] forgedSig = sig.clone();
            forgedSig[100] ^= 1;
            Coin forged = new Coin(real.payload(), EcoinHarness.b64(forgedSig));
            Coin truncated = new Coin(real.payload(), EcoinHarness.b64(Arrays.copyOf(sig, sig.length - 1)));
            Coin foreign = h.mint(EcoinHarness.OTHER_KEY);
            for (Coin bad : List.of(forged, truncated, foreign)) {
                EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
                f.pay(bad);
                h.rejected(ErrorCode.INVALID_COIN, h.shared, EcoinTransaction.CHECK_COIN, f.request,
                        f.checkJson(bad, f.offer.claim()));
                h.rejected(ErrorCode.INVALID_COIN, h.bob, EcoinTransaction.DEPOSIT, deposit(bad));
            }
        }

        @Test
        void theCoinMustBeThePaymentsAndTheClaimTheOffersOwner() {
            EcoinHarness h = EcoinHarness.configured();
            List<Coin> coins = h.withdraw(h.alice, 2);
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            f.pay(coins.get(0));
            h.rejected(ErrorCode.COIN_MISMATCH, h.shared, EcoinTransaction.CHECK_COIN, f.request,
                    f.checkJson(coins.get(1), f.offer.claim()));
            h.rejected(ErrorCode.INVALID_AUTHORISATION, h.shared, EcoinTransaction.CHECK_COIN, f.request,
                    f.checkJson(coins.get(0), EcoinHarness.ecKey()));
            h.rejected(ErrorCode.WRONG_PHASE, h.shared, EcoinTransaction.REQUEST_FRESH_COIN, f.request,
                    f.freshJson(EcoinHarness.ecKey()));
            f.check(coins.get(0));
        }

        @Test
        void theFreshCoinIsAuthorisedOnceByTheEphemeralKey() {
            EcoinHarness h = EcoinHarness.configured();
            Coin coin = h.withdraw(h.alice, 1).get(0);
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            f.pay(coin);
            f.check(coin);
            h.rejected(ErrorCode.INVALID_AUTHORISATION, h.shared, EcoinTransaction.REQUEST_FRESH_COIN, f.request,
                    f.freshJson(EcoinHarness.ecKey()));
            f.requestFresh();
            h.rejected(ErrorCode.WRONG_PHASE, h.shared, EcoinTransaction.REQUEST_FRESH_COIN, f.request,
                    f.freshJson(f.ephemeral));
            h.rejected(ErrorCode.INVALID_BLIND_SIGNATURE, h.operator, EcoinTransaction.ISSUE_FRESH_COIN, f.request,
                    EcoinHarness.b64(EcoinHarness.OTHER_KEY.blindSign(new byte[256])));
        }

        @Test
        void aWrongReceiptDoesNotClose() {
            EcoinHarness h = EcoinHarness.configured();
            Coin coin = h.withdraw(h.alice, 1).get(0);
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            f.pay(coin);
            f.check(coin);
            f.requestFresh();
            f.issueFresh();
            h.rejected(ErrorCode.RECEIPT_MISMATCH, h.shared, EcoinTransaction.CLOSE_PAIRING, f.request,
                    EcoinHarness.b64(new byte[32]));
            f.close();
        }

        @Test
        void aCoinIsDepositedOnceAndNeverAfterItWasSpent() {
            EcoinHarness h = EcoinHarness.configured();
            List<Coin> coins = h.withdraw(h.alice, 3);
            h.submit(h.alice, EcoinTransaction.DEPOSIT, deposit(coins.get(0)));
            h.rejected(ErrorCode.COIN_ALREADY_DEPOSITED, h.alice, EcoinTransaction.DEPOSIT, deposit(coins.get(0)));
            h.rejected(ErrorCode.COIN_ALREADY_DEPOSITED, h.bob, EcoinTransaction.DEPOSIT,
                    deposit(coins.get(1), coins.get(1)));
            new EcoinFlows(h, h.shared, h.shared).complete(coins.get(1));
            h.rejected(ErrorCode.COIN_ALREADY_SPENT, h.alice, EcoinTransaction.DEPOSIT, deposit(coins.get(1)));
            EcoinFlows f = new EcoinFlows(h, h.shared, h.shared);
            f.pay(coins.get(0));
            h.rejected(ErrorCode.COIN_ALREADY_DEPOSITED, h.shared, EcoinTransaction.CHECK_COIN, f.request,
                    f.checkJson(coins.get(0), f.offer.claim()));
            h.rejected(ErrorCode.SHARED_IDENTITY_IDENTIFIES, h.shared, EcoinTransaction.DEPOSIT,
                    deposit(coins.get(2)));
        }
    }

    @Nested
    class BillingPeriod {
        @Test
        void theBillsBalanceAgainstTheGridExchange() {
            EcoinHarness h = EcoinHarness.configured();
            List<Coin> alice = h.withdraw(h.alice, 5);
            List<Coin> bob = h.withdraw(h.bob, 3);
            List<Coin> grid = h.withdraw(h.operator, 2);
            Coin bobFresh1 = new EcoinFlows(h, h.shared, h.shared).complete(alice.get(0));
            Coin bobFresh2 = new EcoinFlows(h, h.shared, h.shared).complete(alice.get(1));
            new EcoinFlows(h, h.operator, h.shared).complete(alice.get(2));
            new EcoinFlows(h, h.operator, h.shared).complete(alice.get(3));
            Coin bobFresh3 = new EcoinFlows(h, h.shared, h.operator).complete(grid.get(0));
            EcoinFlows open = new EcoinFlows(h, h.shared, h.shared);
            h.rejected(ErrorCode.COINS_IN_FLIGHT, h.operator, EcoinTransaction.CLOSE_PERIOD, "0");
            h.submit(h.operator, EcoinTransaction.CANCEL_PAIRING, open.request);
            h.submit(h.alice, EcoinTransaction.DEPOSIT, deposit(alice.get(4)));
            h.submit(h.bob, EcoinTransaction.DEPOSIT, deposit(bob.get(0), bob.get(1), bob.get(2), bobFresh1, bobFresh2,
                    bobFresh3));
            h.submit(h.operator, EcoinTransaction.DEPOSIT, deposit(grid.get(1)));
            h.rejected(ErrorCode.INVALID_ARGUMENT, h.operator, EcoinTransaction.CLOSE_PERIOD, "1");
            PeriodRecord closed = CanonicalJson.fromJson(h.submit(h.operator, EcoinTransaction.CLOSE_PERIOD, "0"),
                    PeriodRecord.class);
            Bill[] bills = h.evaluate(Bill[].class, EcoinTransaction.LIST_BILLS, "0");
            assertEquals(List.of(new Bill("alice", 0, 5, 1, 4, 4 * EcoinHarness.COIN_VALUE),
                    new Bill("bob", 0, 3, 6, -3, -3 * EcoinHarness.COIN_VALUE)), List.of(bills));
            assertEquals(2, closed.gridImports());
            assertEquals(1, closed.gridExports());
            assertEquals(2, closed.meterPairings());
            assertEquals(closed.gridImports() - closed.gridExports(),
                    Arrays.stream(bills).mapToLong(Bill::netCoins).sum());
            assertEquals(0, closed.outstandingCoins());
            assertEquals(1, h.evaluate(PeriodRecord.class, EcoinTransaction.GET_PERIOD, "1").period());
        }
    }
}
