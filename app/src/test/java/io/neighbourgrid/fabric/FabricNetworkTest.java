package io.neighbourgrid.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Fabric tests and the benchmark read about a network, without a network. */
class FabricNetworkTest {
    /** The layout {@code network.sh} writes: network/generated/ and test-network/data/ under one root. */
    private static FabricNetwork layout(Path root) throws Exception {
        Path generated = Files.createDirectories(root.resolve("network").resolve("generated"));
        Files.createDirectories(root.resolve("test-network").resolve("data").resolve("pids"));
        Files.writeString(generated.resolve("connection.json"),
                "{\"name\": \"n\", \"fabricVersion\": \"2.5.9\", \"channel\": \"market\"}", StandardCharsets.UTF_8);
        Files.writeString(generated.resolve("configtx.yaml"), String.join("\n",
                "Orderer: &OrdererDefaults",
                "  # BatchTimeout: 2s is Fabric's default",
                "  BatchTimeout: 100ms",
                "  BatchSize:",
                "    MaxMessageCount: 1000",
                ""), StandardCharsets.UTF_8);
        return FabricNetwork.at(generated.resolve("connection.json"));
    }

    @Nested
    class Configuration {
        @Test
        void theBatchSettingsComeFromTheRenderedChannelConfigurationNotItsComments(@TempDir Path root)
                throws Exception {
            FabricNetwork network = layout(root);
            assertEquals("100ms", network.batchTimeout());
            assertEquals("1000", network.maxMessageCount());
        }

        @Test
        void theFabricVersionComesFromTheConnectionDescription(@TempDir Path root) throws Exception {
            assertEquals("2.5.9", layout(root).fabricVersion());
        }

        @Test
        void aMissingSettingIsNamed(@TempDir Path root) throws Exception {
            FabricNetwork network = layout(root);
            Files.writeString(root.resolve("network/generated/configtx.yaml"), "Orderer: {}\n");
            IllegalStateException e = assertThrows(IllegalStateException.class, network::batchTimeout);
            assertTrue(e.getMessage().contains("BatchTimeout"), e.getMessage());
        }
    }

    @Nested
    class Processes {
        @Test
        void aRunningProcessFromItsPidFileIsMeasuredAndAMissingOneIsLeftOut(@TempDir Path root) throws Exception {
            FabricNetwork network = layout(root);
            Path pids = root.resolve("test-network/data/pids");
            Files.writeString(pids.resolve("chaincode-operator.pid"), ProcessHandle.current().pid() + "\nmarker\n");
            Files.writeString(pids.resolve("orderer.pid"), "999999999\nmarker\n");
            assertEquals(Optional.of(ProcessHandle.current().pid()), network.chaincodePid("operator"));
            assertEquals(Optional.empty(), network.chaincodePid("community"));
            var cpu = network.cpuTimes();
            assertTrue(cpu.containsKey("chaincode-operator"), cpu.toString());
            assertEquals(1, cpu.size(), cpu.toString());
        }
    }

    @Nested
    class Repetition {
        @Test
        void slotTOfTheRepeatedDayIsSlotTModNOfTheDay() {
            CommunityDay base = SyntheticCommunity.builder().homes(3).windows(4).seed(7).build().generate();
            CommunityDay day = RepeatedDay.of(base, 3);
            assertEquals(12, day.windows());
            for (int t = 0; t < 12; t++) {
                assertEquals(base.inputs(t % 4), day.inputs(t), "slot " + t);
            }
            for (HomeProfile h : day.homes()) {
                assertEquals(base.home(h.homeId()).traits(), h.traits());
            }
        }

        @Test
        void onceIsTheDayItself() {
            CommunityDay base = SyntheticCommunity.builder().homes(2).windows(2).seed(1).build().generate();
            assertSame(base, RepeatedDay.of(base, 1));
            assertThrows(IllegalArgumentException.class, () -> RepeatedDay.of(base, 0));
        }
    }
}
