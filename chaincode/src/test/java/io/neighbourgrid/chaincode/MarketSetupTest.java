package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.COMMUNITY_MSP;
import static io.neighbourgrid.chaincode.MarketHarness.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The market's configuration, home registration, the queries and the dispatcher. */
class MarketSetupTest {
    private final MarketHarness m = new MarketHarness();

    private static JsonObject configObject() {
        return JsonParser.parseString(CanonicalJson.toJson(MarketHarness.config())).getAsJsonObject();
    }

    @Nested
    class ConfigureMarket {
        @Test
        void writesTheConfigurationAsCanonicalJson() {
            m.configure();
            assertEquals("{\"contributionSeconds\":30,\"feedInPrice\":80000000,\"highPrice\":110000000,"
                    + "\"keyBits\":1024,\"lowPrice\":90000000,\"maxEnergyPerWindow\":100000000,"
                    + "\"maxPreference\":1000000000,\"minPreference\":1,\"minimumCoalitionSize\":2,"
                    + "\"outcomeSeconds\":30,\"retailPrice\":120000000,\"roleSeconds\":30,"
                    + "\"selectionEpochWindows\":60,\"transferSeconds\":30,\"windowSeconds\":60}",
                    m.state(StateKeys.market()));
            assertEquals(m.state(StateKeys.market()), m.query("getMarket"));
        }

        @Test
        void setsTheMarketConfiguredEvent() {
            TxResult r = m.submit(m.operator, "configureMarket", CanonicalJson.toJson(MarketHarness.config()));
            assertEquals("MarketConfigured", r.event().name());
            assertEquals("{}", new String(r.event().payload(), StandardCharsets.UTF_8));
        }

        @Test
        void rejectsAnIdentityOutsideTheOperatorOrganisation() {
            String json = CanonicalJson.toJson(MarketHarness.config());
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, MarketHarness.identity(COMMUNITY_MSP, "h1"), "configureMarket",
                    json);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "configureMarket", json);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "[]", "{\"retailPrice\":1} trailing", "{'retailPrice':1}",
                "{\"retailPrice\":1 /* comment */}"})
        void rejectsTextThatIsNotOneStrictJsonObject(String json) {
            m.rejects(ErrorCode.MALFORMED_JSON, m.operator, "configureMarket", json);
        }

        @Test
        void rejectsAnUnknownField() {
            JsonObject o = configObject();
            o.addProperty("currency", 1);
            m.rejects(ErrorCode.MALFORMED_JSON, m.operator, "configureMarket", o.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"outcomeSeconds", "selectionEpochWindows", "maxEnergyPerWindow", "maxPreference"})
        void rejectsAMissingField(String field) {
            JsonObject o = configObject();
            o.remove(field);
            assertTrue(m.rejects(ErrorCode.MALFORMED_JSON, m.operator, "configureMarket", o.toString()).getMessage()
                    .contains("lacks the field \"" + field + "\""));
        }

        @Test
        void rejectsADuplicateField() {
            String json = CanonicalJson.toJson(MarketHarness.config()).replace("{", "{\"keyBits\":1024,");
            assertTrue(m.rejects(ErrorCode.MALFORMED_JSON, m.operator, "configureMarket", json).getMessage()
                    .contains("repeats the field \"keyBits\""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "1e9", "\"120000000\"", "true", "99999999999999999999"})
        void rejectsAPriceThatIsNotA64BitInteger(String literal) {
            String json = configObject().toString().replace("\"retailPrice\":120000000",
                    "\"retailPrice\":" + literal);
            m.rejects(ErrorCode.MALFORMED_JSON, m.operator, "configureMarket", json);
        }

        @Test
        void rejectsPricesOutsideTheGridsRange() {
            JsonObject o = configObject();
            o.addProperty("feedInPrice", 95 * Scales.PRICE);
            assertTrue(m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString())
                    .getMessage().contains("feed-in price"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"maxEnergyPerWindow=1", "maxEnergyPerWindow=1099511627777", "minPreference=0",
                "maxPreference=0", "maxPreference=8796093022209"})
        void rejectsContributionRangesTheProofsCannotCarry(String setting) {
            JsonObject o = configObject();
            String[] kv = setting.split("=");
            o.addProperty(kv[0], Long.parseLong(kv[1]));
            assertTrue(m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString())
                    .getMessage().contains(kv[0].startsWith("max") && kv[0].contains("Energy") ? "maxEnergyPerWindow"
                            : "preference range"));
        }

        @Test
        void rejectsACoalitionMinimumOfOneHome() {
            JsonObject o = configObject();
            o.addProperty("minimumCoalitionSize", 1);
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 255, 512, MarketConfig.MIN_KEY_BITS - 2, MarketConfig.MIN_KEY_BITS + 1, 8194})
        void rejectsAnUnusableKeySize(int bits) {
            JsonObject o = configObject();
            o.addProperty("keyBits", bits);
            assertTrue(m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString())
                    .getMessage().contains("keyBits"));
        }

        @Test
        void acceptsTheSmallestKeySizeThatCarriesTheMaskTransfer() {
            JsonObject o = configObject();
            o.addProperty("keyBits", MarketConfig.MIN_KEY_BITS);
            m.submit(m.operator, "configureMarket", o.toString());
            assertEquals(MarketConfig.MIN_KEY_BITS, CanonicalJson.fromJson(m.query("getMarket"), MarketConfig.class)
                    .keyBits());
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void rejectsASelectionEpochWithoutWindows(long windows) {
            JsonObject o = configObject();
            o.addProperty("selectionEpochWindows", windows);
            assertTrue(m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString())
                    .getMessage().contains("selectionEpochWindows must be at least 1"));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, MarketConfig.MAX_PHASE_SECONDS + 1})
        void rejectsAPhaseDurationOutOfRange(long seconds) {
            JsonObject o = configObject();
            o.addProperty("roleSeconds", seconds);
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "configureMarket", o.toString());
        }

        @Test
        void anUpdateAppliesOnlyToWindowsOpenedAfterIt() {
            m.configure();
            m.openWindow(1);
            JsonObject o = configObject();
            o.addProperty("highPrice", 100 * Scales.PRICE);
            m.submit(m.operator, "configureMarket", o.toString());
            m.openWindow(2);
            assertEquals(110 * Scales.PRICE, m.window(1).config().highPrice());
            assertEquals(100 * Scales.PRICE, m.window(2).config().highPrice());
        }

        @Test
        void locksTheKeySizeOnceAHomeIsRegistered() {
            m.configure();
            JsonObject o = configObject();
            o.addProperty("keyBits", 2048);
            m.submit(m.operator, "configureMarket", o.toString());
            m.submit(m.operator, "configureMarket", CanonicalJson.toJson(MarketHarness.config()));
            m.register("h1");
            m.rejects(ErrorCode.CONFIGURATION_LOCKED, m.operator, "configureMarket", o.toString());
        }
    }

    @Nested
    class RegisterHome {
        private final PaillierKeyPair keys = MarketHarness.pooledKey(0);
        private final Creator h1 = MarketHarness.identity(COMMUNITY_MSP, "h1");

        private String proof(String homeId) {
            return MarketHarness.keyProof(keys, homeId);
        }

        private String factor(String homeId) {
            return MarketHarness.factorProof(keys, homeId);
        }

        @Test
        void bindsTheCallingIdentityToTheHome() {
            m.configure();
            TxResult r = m.submit(h1, "registerHome", "h1", keys.publicKey().toBase64(), proof("h1"),
                    factor("h1"));
            assertEquals("{\"certificateHash\":\"" + h1.certificateHash() + "\",\"homeId\":\"h1\","
                    + "\"mspId\":\"CommunityMSP\"}", m.state(StateKeys.identity(COMMUNITY_MSP, h1.certificateHash())));
            HomeRecord home = CanonicalJson.fromJson(m.query("getHome", "h1"), HomeRecord.class);
            assertEquals(keys.publicKey().toBase64(), home.paillierKey());
            assertEquals(keys.publicKey().fingerprint(), home.keyFingerprint());
            assertEquals(r.txId(), home.txId());
            assertFalse(home.suspended());
            assertEquals("HomeRegistered", r.event().name());
            assertEquals("{\"homeId\":\"h1\"}", new String(r.event().payload(), StandardCharsets.UTF_8));
        }

        @Test
        void rejectsRegistrationBeforeTheMarketIsConfigured() {
            m.rejects(ErrorCode.MARKET_NOT_CONFIGURED, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    proof("h1"), factor("h1"));
        }

        @Test
        void rejectsIdentitiesOutsideTheCommunity() {
            m.configure();
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "registerHome", "h1", keys.publicKey().toBase64(),
                    proof("h1"), factor("h1"));
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "registerHome", "h1", keys.publicKey().toBase64(),
                    proof("h1"), factor("h1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-h1", "h/1", "h 1", "h\u00001", "h\u00e91",
                "h12345678901234567890123456789012345678901234567890123456789012345"})
        void rejectsAMalformedHomeId(String homeId) {
            m.configure();
            m.rejects(ErrorCode.INVALID_ARGUMENT, h1, "registerHome", homeId, keys.publicKey().toBase64(),
                    proof("h1"), factor("h1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not base64!", "AAAA", "AQAAAAEC"})
        void rejectsAMalformedKey(String key) {
            m.configure();
            m.rejects(ErrorCode.INVALID_KEY, h1, "registerHome", "h1", key, proof("h1"), factor("h1"));
        }

        @Test
        void rejectsAKeyOfAnotherSizeThanTheMarkets() {
            m.configure();
            PaillierKeyPair small = MarketHarness.largeKey(384, 0);
            assertTrue(m.rejects(ErrorCode.INVALID_KEY, h1, "registerHome", "h1", small.publicKey().toBase64(),
                    MarketHarness.keyProof(small, "h1"), MarketHarness.factorProof(small, "h1")).getMessage()
                    .contains("exactly 1024"));
        }

        @Test
        void rejectsAMalformedProof() {
            m.configure();
            m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(), "AAAA",
                    factor("h1"));
            m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(), "%%",
                    factor("h1"));
        }

        @Test
        void rejectsAProofMadeForAnotherHome() {
            m.configure();
            m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    proof("h2"), factor("h1"));
        }

        @Test
        void rejectsAProofOfAnotherKey() {
            m.configure();
            String other = MarketHarness.keyProof(MarketHarness.pooledKey(1), "h1");
            m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(), other,
                    factor("h1"));
        }

        @Test
        void rejectsATamperedProof() {
            m.configure();
            byte[] bytes = Base64.getDecoder().decode(proof("h1"));
            for (int i : new int[] {bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= 0x04;
                m.rejects(ErrorCode.INVALID_KEY_PROOF, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                        Base64.getEncoder().encodeToString(tampered), factor("h1"));
            }
        }

        @Test
        void neverRebindsAHomeId() {
            m.configure();
            m.submit(h1, "registerHome", "h1", keys.publicKey().toBase64(), proof("h1"),
                    factor("h1"));
            Creator intruder = MarketHarness.identity(COMMUNITY_MSP, "intruder");
            PaillierKeyPair other = MarketHarness.pooledKey(1);
            m.rejects(ErrorCode.HOME_ALREADY_REGISTERED, intruder, "registerHome", "h1",
                    other.publicKey().toBase64(), MarketHarness.keyProof(other, "h1"),
                    MarketHarness.factorProof(other, "h1"));
            m.rejects(ErrorCode.HOME_ALREADY_REGISTERED, h1, "registerHome", "h1", keys.publicKey().toBase64(),
                    proof("h1"), factor("h1"));
        }

        @Test
        void bindsOneIdentityToOneHome() {
            m.configure();
            m.submit(h1, "registerHome", "h1", keys.publicKey().toBase64(), proof("h1"),
                    factor("h1"));
            PaillierKeyPair other = MarketHarness.pooledKey(1);
            assertTrue(m.rejects(ErrorCode.IDENTITY_ALREADY_BOUND, h1, "registerHome", "h2",
                    other.publicKey().toBase64(), MarketHarness.keyProof(other, "h2"),
                    MarketHarness.factorProof(other, "h2")).getMessage()
                    .contains("home h1"));
        }

        @Test
        void theHomesCertificateUnderAnotherOrganisationCannotActForIt() {
            MarketHarness two = new MarketHarness();
            two.configure();
            two.register("h1");
            Creator sameCertOtherOrg = new Creator("OperatorMSP", two.home("h1").creator.certificateDer());
            assertRejected(ErrorCode.UNAUTHORIZED_ORG, () -> two.engine.submit(sameCertOtherOrg, "declareRole",
                    List.of("1", "SELLER")));
        }
    }

    @Nested
    class ResumeHome {
        @Test
        void rejectsAHomeThatIsNotSuspended() {
            m.configure();
            MarketHarness.TestHome h1 = m.register("h1");
            assertTrue(m.rejects(ErrorCode.NOT_SUSPENDED, h1.creator, "resumeHome").getMessage()
                    .contains("home h1 is not suspended"));
        }

        @Test
        void rejectsAnIdentityWithoutAHomeAndTheOperator() {
            m.configure();
            m.rejects(ErrorCode.NOT_REGISTERED, MarketHarness.identity(COMMUNITY_MSP, "stranger"), "resumeHome");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "resumeHome");
        }
    }

    @Nested
    class Queries {
        @Test
        void listHomesReturnsEveryHomeSortedById() {
            m.configure();
            m.register("h3");
            m.register("h1");
            m.register("h2");
            JsonArray homes = JsonParser.parseString(m.query("listHomes")).getAsJsonArray();
            assertEquals(3, homes.size());
            assertEquals(List.of("h1", "h2", "h3"), homes.asList().stream()
                    .map(h -> h.getAsJsonObject().get("homeId").getAsString()).toList());
        }

        @Test
        void getMarketFailsBeforeConfiguration() {
            assertRejected(ErrorCode.MARKET_NOT_CONFIGURED, () -> m.engine.evaluate(m.operator, "getMarket",
                    List.of()));
        }

        @Test
        void getHomeFailsForAnUnknownHome() {
            m.configure();
            assertRejected(ErrorCode.UNKNOWN_HOME, () -> m.engine.evaluate(m.operator, "getHome", List.of("h9")));
        }

        @Test
        void getWindowFailsForAWindowNeverOpened() {
            m.configure();
            assertRejected(ErrorCode.UNKNOWN_WINDOW, () -> m.engine.evaluate(m.operator, "getWindow",
                    List.of("4")));
        }

        @Test
        void getHistoryListsEveryVersionOfAKeyOldestFirst() {
            m.configure();
            JsonObject o = configObject();
            o.addProperty("highPrice", 100 * Scales.PRICE);
            TxResult update = m.submit(m.operator, "configureMarket", o.toString());
            JsonArray byPath = JsonParser.parseString(m.query("getHistory", "MARKET")).getAsJsonArray();
            JsonArray byKey = JsonParser.parseString(m.query("getHistory", StateKeys.market())).getAsJsonArray();
            assertEquals(byPath, byKey);
            assertEquals(2, byPath.size());
            JsonObject latest = byPath.get(1).getAsJsonObject();
            assertEquals(update.txId(), latest.get("txId").getAsString());
            assertEquals(100 * Scales.PRICE, latest.getAsJsonObject("value").get("highPrice").getAsLong());
            assertEquals(110 * Scales.PRICE, byPath.get(0).getAsJsonObject().getAsJsonObject("value")
                    .get("highPrice").getAsLong());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "NOPE/1", "WINDOW", "WINDOW/1/2", "HOME/", "MARKET/x", "\u0000OTHER\u0000"})
        void getHistoryRejectsKeysOutsideTheContract(String key) {
            assertRejected(ErrorCode.INVALID_ARGUMENT, () -> m.engine.evaluate(m.operator, "getHistory",
                    List.of(key)));
        }
    }

    @Nested
    class Dispatcher {
        @Test
        void rejectsAnUnknownTransaction() {
            assertTrue(m.rejects(ErrorCode.UNKNOWN_FUNCTION, m.operator, "mintMoney").getMessage()
                    .contains("mintMoney"));
        }

        @Test
        void rejectsAWrongNumberOfArguments() {
            assertTrue(m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "openWindow", "1", "2").getMessage()
                    .contains("openWindow takes 1 arguments, got 2"));
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "getMarket", "x");
        }

        @Test
        void everyFunctionNameResolvesToItself() {
            for (ContractTransaction f : ContractTransaction.values()) {
                assertEquals(f, ContractTransaction.byName(f.functionName()).orElseThrow());
            }
            assertTrue(ContractTransaction.byName("CONFIGURE_MARKET").isEmpty());
        }
    }
}
